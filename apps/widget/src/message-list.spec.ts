import type { WidgetMessageDto } from '@touchpoint/shared/realtime/widget';
import { fromServer, MessageList, pendingMessage } from './message-list';

const inbound = (clientMessageId: string, id: string, text = 'hi'): WidgetMessageDto => ({
  id,
  direction: 'in',
  text,
  authorName: null,
  createdAt: '2025-01-01T10:00:00.000Z',
  clientMessageId,
  attachments: [],
});
const reply = (id: string, text = 'hello'): WidgetMessageDto => ({
  id,
  direction: 'out',
  text,
  authorName: 'Anna',
  createdAt: '2025-01-01T10:01:00.000Z',
  clientMessageId: null,
  attachments: [],
});

describe('MessageList', () => {
  it('confirms a pending message in place by its clientMessageId, whatever id the server gives', () => {
    const list = new MessageList();
    list.upsert(pendingMessage('c1', 'hi', '2025-01-01T10:00:00.000Z'));
    expect(list.upsert(fromServer(reply('r0')))).toBe(true);
    // The ack carries the intake id, the history later the message id: still one message.
    expect(list.upsert(fromServer(inbound('c1', 'event-1')))).toBe(false);
    expect(list.upsert(fromServer(inbound('c1', 'message-1')))).toBe(false);
    expect(list.all.map((m) => [m.key, m.status, m.id])).toEqual([
      ['c:c1', 'sent', 'message-1'],
      ['m:r0', 'sent', 'r0'],
    ]);
  });

  it('never shows a reply twice and never downgrades a confirmed message', () => {
    const list = new MessageList();
    list.upsert(fromServer(reply('r1')));
    expect(list.upsert(fromServer(reply('r1')))).toBe(false);
    list.upsert(fromServer(inbound('c2', 'm2')));
    list.upsert(pendingMessage('c2', 'hi', '2025-01-01T10:00:00.000Z'));
    expect(list.all.map((m) => m.status)).toEqual(['sent', 'sent']);
  });

  it('rebuilds from the history after a reconnect and keeps what is still unsent', () => {
    const list = new MessageList();
    list.upsert(fromServer(reply('old')));
    list.reset(
      [inbound('c1', 'm1'), reply('r1')],
      [pendingMessage('c1', 'hi', 'x'), pendingMessage('c3', 'later', 'y')],
    );
    expect(list.all.map((m) => [m.key, m.status])).toEqual([
      ['c:c1', 'sent'],
      ['m:r1', 'sent'],
      ['c:c3', 'pending'],
    ]);
  });

  it('keeps an acked message the history does not have yet (the worker is behind)', () => {
    const list = new MessageList();
    list.upsert(fromServer(reply('r1')));
    list.upsert(fromServer({ ...inbound('c9', 'event-9'), createdAt: '2025-01-01T10:05:00.000Z' }));
    list.upsert(fromServer({ ...inbound('c0', 'event-0'), createdAt: '2025-01-01T09:00:00.000Z' }));
    list.reset([reply('r1')], []);
    expect(list.all.map((m) => m.key)).toEqual(['m:r1', 'c:c9']);
  });

  it("updates a survey's rating in place, and only on a survey message", () => {
    const list = new MessageList();
    const closesAt = '2025-01-08T10:01:00.000Z';
    list.upsert(fromServer({ ...reply('s1'), survey: { rating: null, comment: null, closesAt } }));
    list.upsert(fromServer(reply('r2')));
    expect(list.setSurvey('s1', { rating: 4, comment: 'ok', closesAt })).toBe(true);
    expect(list.setSurvey('r2', { rating: 1, comment: null, closesAt })).toBe(false);
    expect(list.setSurvey('unknown', { rating: 1, comment: null, closesAt })).toBe(false);
    expect(list.all.map((m) => m.survey ?? null)).toEqual([
      { rating: 4, comment: 'ok', closesAt },
      null,
    ]);
  });
});
