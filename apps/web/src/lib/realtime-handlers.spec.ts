import { QueryClient, type InfiniteData } from '@tanstack/react-query';
import {
  REALTIME_EVENTS,
  REALTIME_SESSION_ENDED,
  type ConversationListDto,
  type PresenceUpdatedPayload,
  type TimelineDto,
} from '@touchpoint/shared';
import { RealtimeConnection } from '../api/socket';
import type { ConversationFilters } from '../api/conversations.api';
import { FakeSocket } from '../../test/fake-socket';
import { userDto } from '../../test/fixtures';
import {
  conversationSummary,
  entries,
  eventDto,
  messageDto,
  minutesAgo,
  replyDto,
  timelineDto,
  uuid,
} from '../../test/inbox-fixtures';
import { handoffDto } from '../../test/handoff-fixtures';
import { queryKeys } from './query-keys';
import { bindRealtimeHandlers, type PresenceByUser } from './realtime-handlers';

function presence(
  userId: string,
  status: PresenceUpdatedPayload['status'],
  at: string,
): PresenceUpdatedPayload {
  return { userId, status, at };
}

const ME = userDto();

function setup() {
  const socket = new FakeSocket();
  const connection = new RealtimeConnection({ socket, renewAccessToken: async () => true });
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.me(), ME);
  const unbind = bindRealtimeHandlers(connection, queryClient);
  return { socket, connection, queryClient, unbind };
}

function seedList(
  queryClient: QueryClient,
  filters: ConversationFilters,
  pages: ConversationListDto[],
) {
  queryClient.setQueryData<InfiniteData<ConversationListDto, string | null>>(
    queryKeys.conversationList(filters),
    { pages, pageParams: pages.map((_, index) => (index === 0 ? null : `cursor-${index}`)) },
  );
}

function listIds(queryClient: QueryClient, filters: ConversationFilters): string[] {
  const data = queryClient.getQueryData<InfiniteData<ConversationListDto, string | null>>(
    queryKeys.conversationList(filters),
  );
  return data?.pages.flatMap((page) => page.items.map((item) => item.id)) ?? [];
}

function timelineSeqs(queryClient: QueryClient, conversationId: string): number[] {
  return (
    queryClient
      .getQueryData<TimelineDto>(queryKeys.timeline(conversationId))
      ?.entries.map((entry) => entry.seq) ?? []
  );
}

const OLD = conversationSummary({ id: uuid(2), lastActivityAt: minutesAgo(30), lastSeq: 4 });
const OLDER = conversationSummary({ id: uuid(3), lastActivityAt: minutesAgo(90), lastSeq: 9 });

describe('realtime handlers', () => {
  it('fetch the signed-in user again when their role changed, not when the token merely expired', () => {
    const { socket, queryClient } = setup();
    const isStale = () => queryClient.getQueryState(queryKeys.me())?.isInvalidated;

    socket.deliver(REALTIME_SESSION_ENDED, { reason: 'token_expired' });
    expect(isStale()).toBe(false);
    socket.deliver(REALTIME_SESSION_ENDED, { reason: 'role_changed' });
    expect(isStale()).toBe(true);
  });

  it('patch the presence cache from presence.updated and stop after unbinding', () => {
    const { socket, queryClient, unbind } = setup();

    socket.deliver(
      REALTIME_EVENTS.presenceUpdated,
      presence('u1', 'online', '2025-05-01T10:00:00.000Z'),
    );
    socket.deliver(
      REALTIME_EVENTS.presenceUpdated,
      presence('u2', 'online', '2025-05-01T10:00:01.000Z'),
    );
    socket.deliver(
      REALTIME_EVENTS.presenceUpdated,
      presence('u1', 'offline', '2025-05-01T10:05:00.000Z'),
    );
    // A late, older event does not undo the newer state.
    socket.deliver(
      REALTIME_EVENTS.presenceUpdated,
      presence('u1', 'online', '2025-05-01T09:59:00.000Z'),
    );

    expect(queryClient.getQueryData<PresenceByUser>(queryKeys.presence())).toEqual({
      u1: presence('u1', 'offline', '2025-05-01T10:05:00.000Z'),
      u2: presence('u2', 'online', '2025-05-01T10:00:01.000Z'),
    });

    unbind();
    expect(socket.listenerCount(REALTIME_EVENTS.presenceUpdated)).toBe(0);
    expect(socket.listenerCount(REALTIME_EVENTS.messageCreated)).toBe(0);
  });

  describe('message.created', () => {
    it('appends a new message to a loaded timeline once, however often it arrives', () => {
      const { socket, queryClient } = setup();
      const conversationId = uuid(1, 'c0000000');
      queryClient.setQueryData(
        queryKeys.timeline(conversationId),
        timelineDto(entries(eventDto({ seq: 1 }), messageDto({ seq: 2 }))),
      );
      const message = messageDto({ seq: 3, text: 'Any news?' });

      socket.deliver(REALTIME_EVENTS.messageCreated, { conversationId, seq: 3, message });
      socket.deliver(REALTIME_EVENTS.messageCreated, { conversationId, seq: 3, message });

      expect(timelineSeqs(queryClient, conversationId)).toEqual([1, 2, 3]);
      expect(
        queryClient.getQueryData<TimelineDto>(queryKeys.timeline(conversationId))?.lastSeq,
      ).toBe(3);
    });

    it('puts a late message at its place by seq', () => {
      const { socket, queryClient } = setup();
      const conversationId = uuid(1, 'c0000000');
      queryClient.setQueryData(
        queryKeys.timeline(conversationId),
        timelineDto(entries(messageDto({ seq: 1 }), messageDto({ seq: 3 }))),
      );

      socket.deliver(REALTIME_EVENTS.messageCreated, {
        conversationId,
        seq: 2,
        message: messageDto({ seq: 2 }),
      });

      expect(timelineSeqs(queryClient, conversationId)).toEqual([1, 2, 3]);
    });

    it("ends the sender's typing indicator, and only theirs", () => {
      const { socket, queryClient } = setup();
      const conversationId = uuid(6, 'c0000000');
      const customer = { type: 'contact' as const, id: uuid(1, 'cc000000'), name: 'Kim Kunde' };
      const colleague = { type: 'user' as const, id: uuid(2, 'ee000000'), name: 'Anna' };
      for (const author of [customer, colleague])
        socket.deliver(REALTIME_EVENTS.conversationTyping, {
          conversationId,
          typing: true,
          author,
        });

      socket.deliver(REALTIME_EVENTS.messageCreated, {
        conversationId,
        seq: 4,
        message: messageDto({ conversationId, seq: 4, author: customer }),
      });

      const typing = queryClient.getQueryData<{ author: { id: string | null } }[]>(
        queryKeys.conversationTyping(conversationId),
      );
      expect(typing?.map((entry) => entry.author.id)).toEqual([colleague.id]);
    });

    it('leaves timelines that are not loaded alone', () => {
      const { socket, queryClient } = setup();
      const conversationId = uuid(5, 'c0000000');

      socket.deliver(REALTIME_EVENTS.messageCreated, {
        conversationId,
        seq: 7,
        message: messageDto({ conversationId, seq: 7 }),
      });

      expect(queryClient.getQueryData(queryKeys.timeline(conversationId))).toBeUndefined();
    });

    it('marks the timeline for a catch-up when seqs are missing before the new message', () => {
      const { socket, queryClient } = setup();
      const conversationId = uuid(1, 'c0000000');
      queryClient.setQueryData(
        queryKeys.timeline(conversationId),
        timelineDto(entries(messageDto({ seq: 1 }))),
      );

      socket.deliver(REALTIME_EVENTS.messageCreated, {
        conversationId,
        seq: 3,
        message: messageDto({ seq: 3 }),
      });

      expect(timelineSeqs(queryClient, conversationId)).toEqual([1, 3]);
      expect(queryClient.getQueryState(queryKeys.timeline(conversationId))?.isInvalidated).toBe(
        true,
      );
    });
  });

  it('message.updated changes the delivery of a reply in place', () => {
    const { socket, queryClient } = setup();
    const conversationId = uuid(1, 'c0000000');
    const reply = replyDto({ seq: 2, deliveryStatus: 'sending' });
    queryClient.setQueryData(
      queryKeys.timeline(conversationId),
      timelineDto(entries(messageDto({ seq: 1 }), reply)),
    );

    socket.deliver(REALTIME_EVENTS.messageUpdated, {
      conversationId,
      seq: 2,
      message: { ...reply, deliveryStatus: 'failed', deliveryError: 'Mailbox full' },
    });

    const timeline = queryClient.getQueryData<TimelineDto>(queryKeys.timeline(conversationId));
    expect(timeline?.entries).toHaveLength(2);
    expect(timeline?.entries[1]).toMatchObject({
      seq: 2,
      message: { deliveryStatus: 'failed', deliveryError: 'Mailbox full' },
    });
  });

  describe('conversation.updated', () => {
    const mineOpen: ConversationFilters = { view: 'mine', status: 'open' };
    const unassigned: ConversationFilters = { view: 'unassigned', status: 'open' };
    const resolved: ConversationFilters = { view: 'all', status: 'resolved' };

    it('puts a conversation the list did not know on top of every list it belongs to', () => {
      const { socket, queryClient } = setup();
      seedList(queryClient, unassigned, [{ items: [OLD, OLDER], nextCursor: 'next' }]);
      seedList(queryClient, resolved, [{ items: [], nextCursor: null }]);
      const fresh = conversationSummary({ id: uuid(7), lastActivityAt: minutesAgo(0), lastSeq: 1 });

      socket.deliver(REALTIME_EVENTS.conversationUpdated, {
        conversationId: fresh.id,
        seq: 1,
        conversation: fresh,
      });

      expect(listIds(queryClient, unassigned)).toEqual([fresh.id, OLD.id, OLDER.id]);
      expect(listIds(queryClient, resolved)).toEqual([]);
    });

    it('moves a conversation with new activity to the top, from a later page too', () => {
      const { socket, queryClient } = setup();
      seedList(queryClient, unassigned, [
        { items: [OLD], nextCursor: 'c1' },
        { items: [OLDER], nextCursor: null },
      ]);
      const active = { ...OLDER, lastActivityAt: minutesAgo(0), lastSeq: 10 };

      socket.deliver(REALTIME_EVENTS.conversationUpdated, {
        conversationId: active.id,
        seq: 10,
        conversation: active,
      });

      expect(listIds(queryClient, unassigned)).toEqual([OLDER.id, OLD.id]);
    });

    it('takes a claimed conversation out of Unassigned and into Mine, and refreshes the counts', () => {
      const { socket, queryClient } = setup();
      seedList(queryClient, unassigned, [{ items: [OLD, OLDER], nextCursor: null }]);
      seedList(queryClient, mineOpen, [{ items: [], nextCursor: null }]);
      queryClient.setQueryData(queryKeys.conversationCounts(), { mine: 0 });
      const claimed = { ...OLD, owner: { id: ME.id, name: ME.name }, lastSeq: 5 };

      socket.deliver(REALTIME_EVENTS.conversationUpdated, {
        conversationId: claimed.id,
        seq: 5,
        conversation: claimed,
      });

      expect(listIds(queryClient, unassigned)).toEqual([OLDER.id]);
      expect(listIds(queryClient, mineOpen)).toEqual([OLD.id]);
      expect(queryClient.getQueryState(queryKeys.conversationCounts())?.isInvalidated).toBe(true);
    });

    it('ignores an older copy that arrives after a newer one', () => {
      const { socket, queryClient } = setup();
      seedList(queryClient, unassigned, [{ items: [OLD], nextCursor: null }]);
      const stale = { ...OLD, status: 'resolved' as const, lastSeq: 3 };

      socket.deliver(REALTIME_EVENTS.conversationUpdated, {
        conversationId: OLD.id,
        seq: 3,
        conversation: stale,
      });

      expect(listIds(queryClient, unassigned)).toEqual([OLD.id]);
    });

    it('patches the open conversation and fetches the timeline event it announces', () => {
      const { socket, queryClient } = setup();
      const detail = { ...OLD, contactDetails: { id: 'x' } };
      queryClient.setQueryData(queryKeys.conversation(OLD.id), detail);
      queryClient.setQueryData(
        queryKeys.timeline(OLD.id),
        timelineDto(entries(messageDto({ conversationId: OLD.id, seq: 4 }))),
      );

      socket.deliver(REALTIME_EVENTS.conversationUpdated, {
        conversationId: OLD.id,
        seq: 5,
        conversation: { ...OLD, status: 'pending', lastSeq: 5 },
      });

      expect(queryClient.getQueryData(queryKeys.conversation(OLD.id))).toMatchObject({
        status: 'pending',
        contactDetails: { id: 'x' },
      });
      expect(queryClient.getQueryState(queryKeys.timeline(OLD.id))?.isInvalidated).toBe(true);
    });
  });

  it('handoff.created and handoff.updated patch the handoffs of a conversation and fetch its new event', () => {
    const { socket, queryClient } = setup();
    const conversationId = uuid(1, 'c0000000');
    const handoff = handoffDto({ conversationId });
    queryClient.setQueryData(queryKeys.conversationHandoffs(conversationId), []);
    queryClient.setQueryData(
      queryKeys.timeline(conversationId),
      timelineDto(entries(messageDto({ seq: 1 }))),
    );

    socket.deliver(REALTIME_EVENTS.handoffCreated, { conversationId, handoff });
    expect(queryClient.getQueryData(queryKeys.conversationHandoffs(conversationId))).toEqual([
      handoff,
    ]);
    expect(queryClient.getQueryState(queryKeys.timeline(conversationId))?.isInvalidated).toBe(true);

    const accepted = { ...handoff, status: 'accepted' as const };
    socket.deliver(REALTIME_EVENTS.handoffUpdated, { conversationId, handoff: accepted });
    // A late copy of the request does not undo the acceptance.
    socket.deliver(REALTIME_EVENTS.handoffUpdated, { conversationId, handoff });
    expect(queryClient.getQueryData(queryKeys.conversationHandoffs(conversationId))).toEqual([
      accepted,
    ]);
  });

  it('queue.updated refreshes the counts', () => {
    const { socket, queryClient } = setup();
    queryClient.setQueryData(queryKeys.conversationCounts(), { unassigned: 1 });

    socket.deliver(REALTIME_EVENTS.queueUpdated, { teamId: uuid(1), unassigned: 2 });

    expect(queryClient.getQueryState(queryKeys.conversationCounts())?.isInvalidated).toBe(true);
  });

  it('conversation.access_ended asks again for the conversation, which now answers 403, and drops it from lists', () => {
    const { socket, queryClient } = setup();
    queryClient.setQueryData(queryKeys.conversation(OLD.id), OLD);
    queryClient.setQueryData(queryKeys.conversation(OLDER.id), OLDER);
    seedList(queryClient, { view: 'participating' }, [{ items: [OLD], nextCursor: null }]);

    socket.deliver(REALTIME_EVENTS.conversationAccessEnded, { conversationId: OLD.id });

    expect(queryClient.getQueryState(queryKeys.conversation(OLD.id))?.isInvalidated).toBe(true);
    expect(
      queryClient.getQueryState(queryKeys.conversationList({ view: 'participating' }))
        ?.isInvalidated,
    ).toBe(true);
    expect(queryClient.getQueryState(queryKeys.conversation(OLDER.id))?.isInvalidated).toBe(false);
  });

  it('refetches lists and conversations after a reconnect, not on the first connect', () => {
    const { socket, connection, queryClient } = setup();
    seedList(queryClient, { view: 'mine' }, [{ items: [], nextCursor: null }]);
    const listState = () =>
      queryClient.getQueryState(queryKeys.conversationList({ view: 'mine' }))?.isInvalidated;

    connection.open();
    socket.accept();
    expect(listState()).toBe(false);

    socket.drop();
    socket.accept();
    expect(listState()).toBe(true);
  });
});
