import type { QueryClient } from '@tanstack/react-query';
import type { ConversationSummaryDto } from '@touchpoint/shared';
import { queryKeys } from '../../../lib/query-keys';
import { applyConversationSummary, catchUpTimeline, timelineBehind } from './inbox-cache';

/**
 * Conversations a merge, its undo or a split changed, as the server answered them: summaries into
 * the lists, renumbered timelines read anew, and what hangs off their contact (its conversations,
 * the merge candidates) asked again. Live events bring the same to everyone else.
 */
export function applyThreadChanges(
  queryClient: QueryClient,
  conversations: ConversationSummaryDto[],
): void {
  for (const conversation of conversations) {
    applyConversationSummary(queryClient, conversation);
    if (timelineBehind(queryClient, conversation))
      void catchUpTimeline(queryClient, conversation.id);
    void queryClient.invalidateQueries({
      queryKey: queryKeys.conversation(conversation.id),
      exact: true,
    });
    void queryClient.invalidateQueries({ queryKey: queryKeys.mergeCandidates(conversation.id) });
    void queryClient.invalidateQueries({
      queryKey: queryKeys.conversationHandoffs(conversation.id),
    });
  }
  void queryClient.invalidateQueries({ queryKey: queryKeys.contacts() });
}
