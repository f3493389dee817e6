import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { OVERSEEING_ROLES, READ_ONLY_ROLES, type TimelineEventDto } from '@touchpoint/shared';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useMe } from '../../auth/hooks/useMe';
import { useConversation } from '../hooks/useConversation';
import { useUnmergeConversation } from '../hooks/useUnmergeConversation';
import './thread-changes.css';

/** The other conversation a merge or split event names, if any. */
function otherConversationOf(event: TimelineEventDto): string | undefined {
  const key = {
    'conversation.merged': 'source',
    'conversation.merged_into': 'target',
    'conversation.split': 'conversation',
    'conversation.split_from': 'conversation',
  }[event.kind as string];
  const ref = key ? event.data[key] : undefined;
  if (typeof ref !== 'object' || ref === null) return undefined;
  const id = (ref as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * On a merge or split event: a link to the other conversation, and on a merge not yet undone,
 * "Undo merge" for whoever may change the conversation.
 */
export function ThreadChangeActions({ event }: { event: TimelineEventDto }) {
  const other = otherConversationOf(event);
  if (!other) return null;
  const undoable =
    event.kind === 'conversation.merged' &&
    typeof event.data.mergeId === 'string' &&
    !event.data.undoneAt;
  return (
    <>
      <span aria-hidden="true"> · </span>
      <OpenLink conversationId={other} />
      {undoable ? (
        <UndoMerge conversationId={event.conversationId} mergeId={String(event.data.mergeId)} />
      ) : null}
    </>
  );
}

function OpenLink({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  return (
    <Link
      className="tp-thread-action"
      to={`/inbox/${conversationId}`}
      data-testid="thread-change-open"
    >
      {t('inbox.merge.openOther')}
    </Link>
  );
}

function UndoMerge({ conversationId, mergeId }: { conversationId: string; mergeId: string }) {
  const { t } = useTranslation();
  const { data: conversation } = useConversation(conversationId);
  const { data: me } = useMe();
  const unmerge = useUnmergeConversation(conversationId);
  if (!conversation || !me) return null;
  const owner = conversation.owner;
  if (READ_ONLY_ROLES.includes(me.role)) return null;
  if (owner && owner.id !== me.id && !OVERSEEING_ROLES.includes(me.role)) return null;
  return (
    <>
      <span aria-hidden="true"> · </span>
      <button
        type="button"
        className="tp-thread-action"
        disabled={unmerge.isPending}
        onClick={() => unmerge.mutate({ mergeId })}
        data-testid="undo-merge"
      >
        {t('inbox.merge.undo')}
      </button>
      {unmerge.isError ? (
        <span role="alert" className="tp-thread-action--error" data-testid="undo-merge-error">
          {apiErrorMessage(unmerge.error, t)}
        </span>
      ) : null}
    </>
  );
}
