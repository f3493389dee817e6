import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OVERSEEING_ROLES, READ_ONLY_ROLES, type MessageDto } from '@touchpoint/shared';
import { useMe } from '../../auth/hooks/useMe';
import { useConversation } from '../hooks/useConversation';
import { SplitDialog } from './SplitDialog';
import './thread-changes.css';

/**
 * "Split from here" on a message, for whoever may change the conversation (its owner, supervisors,
 * anyone while it is unowned), as with its status.
 */
export function SplitFromHereButton({ message }: { message: MessageDto }) {
  const { t } = useTranslation();
  const { data: conversation } = useConversation(message.conversationId);
  const { data: me } = useMe();
  const [open, setOpen] = useState(false);
  if (!conversation || !me || conversation.mergedIntoId) return null;
  const owner = conversation.owner;
  if (READ_ONLY_ROLES.includes(me.role)) return null;
  if (owner && owner.id !== me.id && !OVERSEEING_ROLES.includes(me.role)) return null;
  return (
    <>
      <button
        type="button"
        className="tp-thread-action"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        data-testid="split-from-here"
      >
        {t('inbox.split.button')}
      </button>
      {open ? (
        <SplitDialog conversation={conversation} message={message} onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}
