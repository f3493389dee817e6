import { QueryClient } from '@tanstack/react-query';
import type { ConversationDto } from '@touchpoint/shared';
import { queryKeys } from '../../../lib/query-keys';
import { userDto } from '../../../../test/fixtures';
import { ANNA_REF, BEN_REF } from '../../../../test/handoff-fixtures';
import {
  CONVERSATION_ID,
  conversationDto,
  conversationSummary,
  uuid,
} from '../../../../test/inbox-fixtures';
import type { ConversationFilters } from '../../../api/conversations.api';
import type { ConversationListData } from './conversation-list-merge';
import { applyConversationSummary } from './inbox-cache';

function setup(detail: ConversationDto) {
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.me(), userDto());
  queryClient.setQueryData(queryKeys.conversation(detail.id), detail);
  const state = () => queryClient.getQueryState(queryKeys.conversation(detail.id));
  const data = () => queryClient.getQueryData<ConversationDto>(queryKeys.conversation(detail.id));
  return { queryClient, state, data };
}

describe('applyConversationSummary and who may reply', () => {
  it('asks the server again when the owner changed, meanwhile judging by the summary', () => {
    // Anna, a specialist allowed to reply on Ben's conversation; a supervisor gives it to Sven.
    const { queryClient, state, data } = setup(conversationDto({ owner: BEN_REF, mayReply: true }));
    const sven = { id: 'ee000000-0000-4000-8000-000000000009', name: 'Sven Sales' };

    applyConversationSummary(queryClient, conversationSummary({ owner: sven, lastSeq: 2 }));

    expect(data()?.owner).toEqual(sven);
    expect(data()?.mayReply).toBe(false);
    expect(state()?.isInvalidated).toBe(true);
  });

  it('lets the new owner reply at once', () => {
    const { queryClient, data } = setup(conversationDto({ owner: BEN_REF, mayReply: false }));
    applyConversationSummary(queryClient, conversationSummary({ owner: ANNA_REF, lastSeq: 2 }));
    expect(data()?.mayReply).toBe(true);
  });

  it('keeps what the server said while the owner stays', () => {
    const { queryClient, state, data } = setup(conversationDto({ owner: BEN_REF, mayReply: true }));

    applyConversationSummary(
      queryClient,
      conversationSummary({ owner: BEN_REF, status: 'pending', lastSeq: 2 }),
    );

    expect(data()?.status).toBe('pending');
    expect(data()?.mayReply).toBe(true);
    expect(state()?.isInvalidated).toBe(false);
  });
});

describe('applyConversationSummary and the loaded lists', () => {
  const me = userDto();
  const mine = { id: me.id, name: me.name };
  const TEAM = me.teams[0]?.id ?? '';

  function withLists(...filters: ConversationFilters[]) {
    const queryClient = new QueryClient();
    queryClient.setQueryData(queryKeys.me(), me);
    const shown = conversationSummary({ owner: mine, lastSeq: 1 });
    for (const f of filters) {
      queryClient.setQueryData<ConversationListData>(queryKeys.conversationList(f), {
        pages: [{ items: [shown], nextCursor: null }],
        pageParams: [null],
      });
    }
    const ids = (f: ConversationFilters) =>
      queryClient
        .getQueryData<ConversationListData>(queryKeys.conversationList(f))
        ?.pages.flatMap((page) => page.items.map((item) => item.id));
    const invalidated = (f: ConversationFilters) =>
      queryClient.getQueryState(queryKeys.conversationList(f))?.isInvalidated;
    return { queryClient, ids, invalidated };
  }

  it('takes a resolved conversation out of mine and puts it into the resolved list', () => {
    const unresolved: ConversationFilters = { view: 'mine' };
    const resolvedOnly: ConversationFilters = { view: 'mine', status: 'resolved' };
    const { queryClient, ids } = withLists(unresolved, { view: 'mine', status: 'open' });
    queryClient.setQueryData<ConversationListData>(queryKeys.conversationList(resolvedOnly), {
      pages: [{ items: [], nextCursor: null }],
      pageParams: [null],
    });

    applyConversationSummary(
      queryClient,
      conversationSummary({ owner: mine, status: 'resolved', lastSeq: 2 }),
    );

    expect(ids(unresolved)).toEqual([]);
    expect(ids({ view: 'mine', status: 'open' })).toEqual([]);
    expect(ids(resolvedOnly)).toEqual([CONVERSATION_ID]);
  });

  it('moves a conversation claimed by me from unassigned to mine', () => {
    const unassigned: ConversationFilters = { view: 'unassigned' };
    const queryClient = new QueryClient();
    queryClient.setQueryData(queryKeys.me(), me);
    queryClient.setQueryData<ConversationListData>(queryKeys.conversationList(unassigned), {
      pages: [{ items: [conversationSummary({ lastSeq: 1 })], nextCursor: null }],
      pageParams: [null],
    });
    queryClient.setQueryData<ConversationListData>(queryKeys.conversationList({ view: 'mine' }), {
      pages: [{ items: [], nextCursor: null }],
      pageParams: [null],
    });

    applyConversationSummary(queryClient, conversationSummary({ owner: mine, lastSeq: 2 }));

    const list = (f: ConversationFilters) =>
      queryClient
        .getQueryData<ConversationListData>(queryKeys.conversationList(f))
        ?.pages.flatMap((page) => page.items.map((item) => item.id));
    expect(list(unassigned)).toEqual([]);
    expect(list({ view: 'mine' })).toEqual([CONVERSATION_ID]);
  });

  it("asks the server when only it can tell (a colleague's conversation in the team view)", () => {
    const team: ConversationFilters = { view: 'team', teamId: TEAM };
    const { queryClient, ids, invalidated } = withLists(team);
    const ben = { id: 'ee000000-0000-4000-8000-000000000002', name: 'Ben' };

    // Handed to a colleague: still shown only if I take part, which the summary does not say.
    applyConversationSummary(queryClient, conversationSummary({ owner: ben, lastSeq: 2 }));

    expect(ids(team)).toEqual([CONVERSATION_ID]);
    expect(invalidated(team)).toBe(false);
    const other = conversationSummary({ id: uuid(7, 'c0000000'), owner: ben, lastSeq: 1 });
    applyConversationSummary(queryClient, other);
    expect(invalidated(team)).toBe(true);
  });
});
