import { VisitorStorage } from './visitor-storage';

describe('VisitorStorage', () => {
  beforeEach(() => localStorage.clear());

  it('keeps token, email and outbox per channel across page loads', () => {
    const first = new VisitorStorage('channel-a');
    first.sessionToken = 'v_token';
    first.email = 'a@example.test';
    first.outbox = [{ clientMessageId: 'c1', text: 'hi', createdAt: 'now' }];
    const reloaded = new VisitorStorage('channel-a');
    expect(reloaded.sessionToken).toBe('v_token');
    expect(reloaded.email).toBe('a@example.test');
    expect(reloaded.outbox).toHaveLength(1);
    expect(new VisitorStorage('channel-b').sessionToken).toBeUndefined();
  });

  it('works for the page alone when storage is blocked', () => {
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    } as unknown as Storage;
    const storage = new VisitorStorage('channel-a', blocked);
    storage.sessionToken = 't';
    expect(storage.sessionToken).toBe('t');
  });
});
