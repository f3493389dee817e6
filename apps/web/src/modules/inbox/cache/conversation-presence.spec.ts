import { QueryClient } from '@tanstack/react-query';
import {
  CONVERSATION_TYPING_TTL_MS,
  REALTIME_EVENTS,
  REALTIME_JOIN_CONVERSATION,
  type ConversationTypingPayload,
} from '@touchpoint/shared';
import { RealtimeConnection } from '../../../api/socket';
import { queryKeys } from '../../../lib/query-keys';
import { bindRealtimeHandlers } from '../../../lib/realtime-handlers';
import { FakeSocket } from '../../../../test/fake-socket';
import {
  activeTyping,
  forgetConversationPresence,
  mergeTyping,
  setConversationViewers,
  type TypingEntry,
} from './conversation-presence';

const ID = 'c0000000-0000-4000-8000-000000000001';
const BEN = { type: 'user', id: 'u-ben', name: 'Ben Busy' } as const;
const CLARA = { type: 'contact', id: 'ca-clara', name: 'Clara Customer' } as const;

const typing = (author: ConversationTypingPayload['author'], on = true) => ({
  conversationId: ID,
  typing: on,
  author,
});

const names = (entries: TypingEntry[]) => entries.map((entry) => entry.author.name);

describe('conversation presence', () => {
  it('keeps who types for the TTL after their last news, in the order they started', () => {
    let entries = mergeTyping(undefined, typing(BEN), 0);
    entries = mergeTyping(entries, typing(CLARA), 1000);
    entries = mergeTyping(entries, typing(BEN), 5000); // Ben again: his time starts over

    expect(names(activeTyping(entries, CONVERSATION_TYPING_TTL_MS - 1))).toEqual([
      'Ben Busy',
      'Clara Customer',
    ]);
    expect(names(activeTyping(entries, 1000 + CONVERSATION_TYPING_TTL_MS))).toEqual(['Ben Busy']);
    expect(activeTyping(entries, 5000 + CONVERSATION_TYPING_TTL_MS)).toEqual([]);
  });

  it('ends an indicator on typing: false, and drops expired ones on the way', () => {
    let entries = mergeTyping(undefined, typing(BEN), 0);
    entries = mergeTyping(entries, typing(CLARA), 0);
    entries = mergeTyping(entries, typing(CLARA, false), 10);
    expect(names(entries)).toEqual(['Ben Busy']);

    entries = mergeTyping(entries, typing(CLARA), CONVERSATION_TYPING_TTL_MS + 1);
    expect(names(entries)).toEqual(['Clara Customer']);
  });

  it('forgets viewers and typing of a conversation that was left', () => {
    const queryClient = new QueryClient();
    setConversationViewers(queryClient, ID, [{ id: 'u-ben', name: 'Ben Busy' }]);
    queryClient.setQueryData(queryKeys.conversationTyping(ID), mergeTyping([], typing(BEN), 0));

    forgetConversationPresence(queryClient, ID);

    expect(queryClient.getQueryData(queryKeys.conversationViewers(ID))).toEqual([]);
    expect(queryClient.getQueryData(queryKeys.conversationTyping(ID))).toEqual([]);
  });

  it('is fed by conversation.viewers and conversation.typing', () => {
    const socket = new FakeSocket();
    const connection = new RealtimeConnection({ socket, renewAccessToken: async () => true });
    const queryClient = new QueryClient();
    bindRealtimeHandlers(connection, queryClient);

    socket.deliver(REALTIME_EVENTS.conversationViewers, {
      conversationId: ID,
      viewers: [{ id: 'u-ben', name: 'Ben Busy' }],
    });
    socket.deliver(REALTIME_EVENTS.conversationTyping, typing(CLARA));

    expect(queryClient.getQueryData(queryKeys.conversationViewers(ID))).toEqual([
      { id: 'u-ben', name: 'Ben Busy' },
    ]);
    const entries = queryClient.getQueryData<TypingEntry[]>(queryKeys.conversationTyping(ID));
    expect(names(activeTyping(entries, Date.now()))).toEqual(['Clara Customer']);
  });
});

describe('joining a conversation', () => {
  function connected(answer: unknown) {
    const socket = new FakeSocket();
    socket.respondToAck = (event) => (event === REALTIME_JOIN_CONVERSATION ? answer : { ok: true });
    const connection = new RealtimeConnection({ socket, renewAccessToken: async () => true });
    connection.open();
    socket.accept();
    return connection;
  }

  it('answers who has the conversation open', async () => {
    const connection = connected({ ok: true, viewers: [{ id: 'u-ben', name: 'Ben Busy' }] });
    await expect(connection.joinConversation(ID)).resolves.toEqual({
      ok: true,
      error: undefined,
      viewers: [{ id: 'u-ben', name: 'Ben Busy' }],
    });
  });

  it('drops malformed viewers, and knows none from a server that sends none', async () => {
    const odd = connected({
      ok: true,
      viewers: [{ id: 'u-ben' }, 'x', { id: 'u-sven', name: 'Sven' }],
    });
    expect((await odd.joinConversation(ID)).viewers).toEqual([{ id: 'u-sven', name: 'Sven' }]);
    const older = connected({ ok: true });
    expect((await older.joinConversation(ID)).viewers).toBeUndefined();
    const refused = connected({ ok: false, error: 'forbidden', viewers: [] });
    await expect(refused.joinConversation(ID)).resolves.toEqual({ ok: false, error: 'forbidden' });
  });
});
