import { EventBatch, isDurableEvent } from './domain-events';

describe('EventBatch', () => {
  it('announces the same fact once per batch', () => {
    const batch = new EventBatch();
    batch.add('conversation.updated', { conversationId: 'c1' });
    batch.add('conversation.updated', { conversationId: 'c1' });
    batch.add('conversation.updated', { conversationId: 'c2' });
    expect(batch.events).toHaveLength(2);
  });

  it('stores what follows from a database change, not live state', () => {
    expect(isDurableEvent('message.created')).toBe(true);
    expect(isDurableEvent('participant.expiring')).toBe(true);
    expect(isDurableEvent('presence.changed')).toBe(false);
    expect(isDurableEvent('staff.typing')).toBe(false);
  });

  it('is sealed once: only its durable events are stored, and no durable event joins later', () => {
    const batch = EventBatch.of('queue.changed', { teamId: 't1' });
    batch.add('presence.changed', { userId: 'u1' });
    expect(batch.seal().map((e) => e.name)).toEqual(['queue.changed']);
    expect(() => batch.seal()).toThrow('recorded already');
    expect(() => batch.add('team.updated', { teamId: 't1' })).toThrow('already recorded');
    // Live state may still be announced with it.
    batch.add('staff.typing', { conversationId: 'c1', userId: 'u1', name: 'Ana', typing: true });
    expect(batch.events).toHaveLength(3);
  });

  it('knows whether it holds durable events not yet stored', () => {
    expect(EventBatch.of('presence.changed', { userId: 'u1' }).unrecorded).toBe(false);
    const batch = EventBatch.of('conversation.updated', { conversationId: 'c1' });
    expect(batch.unrecorded).toBe(true);
    batch.seal();
    expect(batch.unrecorded).toBe(false);
  });
});
