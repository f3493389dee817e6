import { titleWithUnread, unreadBadgeText } from './unread-count';

describe('unread count', () => {
  it('spells the count out up to 99, then "99+"', () => {
    expect(unreadBadgeText(1)).toBe('1');
    expect(unreadBadgeText(99)).toBe('99');
    expect(unreadBadgeText(100)).toBe('99+');
    expect(unreadBadgeText(2500)).toBe('99+');
  });

  it('puts the count in front of the title, replaces an old one, and takes it away at zero', () => {
    expect(titleWithUnread('Touchpoint', 3)).toBe('(3) Touchpoint');
    expect(titleWithUnread('(3) Touchpoint', 4)).toBe('(4) Touchpoint');
    expect(titleWithUnread('(99+) Touchpoint', 0)).toBe('Touchpoint');
    expect(titleWithUnread('Touchpoint', 0)).toBe('Touchpoint');
  });
});
