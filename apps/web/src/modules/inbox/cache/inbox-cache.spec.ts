import { QueryClient } from '@tanstack/react-query';
import type { ConversationDto } from '@touchpoint/shared';
import { queryKeys } from '../../../lib/query-keys';
import { userDto } from '../../../../test/fixtures';
import { ANNA_REF, BEN_REF } from '../../../../test/handoff-fixtures';
import { conversationDto, conversationSummary } from '../../../../test/inbox-fixtures';
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
