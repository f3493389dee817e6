import { useQuery } from '@tanstack/react-query';
import { useMatch } from 'react-router-dom';
import type { ApiError } from '../../../api/http';
import { useMe } from '../../auth/hooks/useMe';
import { pullInDialogStore } from '../../handoffs/states/pull-in-dialog.store';
import { threadPermissions } from '../../inbox/format/thread-permissions';
import { useClaimConversation } from '../../inbox/hooks/useClaimConversation';
import { conversationQuery } from '../../inbox/hooks/useConversation';
import { useUpdateConversation } from '../../inbox/hooks/useUpdateConversation';
import { updateDraft, type ComposerMode } from '../../inbox/states/drafts.store';

/** What the keyboard and the palette may do with the open conversation; absent: not for this user now. */
export interface ConversationCommands {
  conversationId: string;
  /** Into the composer, in reply or note mode. */
  write: (mode: Extract<ComposerMode, 'reply' | 'note'>) => void;
  claim?: () => void;
  resolve?: () => void;
  pullIn?: () => void;
}

export interface CommandOutcome {
  done: (what: 'claimed' | 'resolved') => void;
  failed: (error: ApiError) => void;
}

/** The composer's text field of the open thread (one at a time). */
function focusComposer() {
  document.querySelector<HTMLTextAreaElement>('[data-testid="composer-input"]')?.focus();
}

/**
 * The open conversation's commands (`/inbox/:conversationId`), offered as its header offers them:
 * Claim while nobody owns it, Resolve and Pull in to whoever may manage it; null elsewhere.
 */
export function useConversationCommands(outcome: CommandOutcome): ConversationCommands | null {
  const conversationId = useMatch('/inbox/:conversationId')?.params.conversationId ?? '';
  const conversation = useQuery({
    ...conversationQuery(conversationId),
    enabled: !!conversationId,
  });
  const { data: me } = useMe();
  const claim = useClaimConversation(conversationId);
  const update = useUpdateConversation(conversationId);
  if (!conversationId || !conversation.data || !me) return null;
  const current = conversation.data;
  const { mayPullIn, mayManage } = threadPermissions(current, me);
  return {
    conversationId,
    write: (mode) => {
      updateDraft(conversationId, { mode });
      focusComposer();
    },
    claim: current.owner
      ? undefined
      : () =>
          claim.mutate(undefined, {
            onSuccess: () => outcome.done('claimed'),
            onError: outcome.failed,
          }),
    resolve:
      mayManage && current.status !== 'resolved' && !current.mergedIntoId
        ? () =>
            update.mutate(
              { status: 'resolved' },
              { onSuccess: () => outcome.done('resolved'), onError: outcome.failed },
            )
        : undefined,
    pullIn: mayPullIn ? () => pullInDialogStore.set(conversationId) : undefined,
  };
}
