import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Skeleton } from '../../../ui/Skeleton';
import { useStore } from '../../../lib/store';
import { ContactPanel } from '../../contacts/components/ContactPanel';
import { ConversationRoomEffect } from '../effects/ConversationRoomEffect';
import { MarkReadEffect } from '../effects/MarkReadEffect';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useConversation } from '../hooks/useConversation';
import { useReadOnly } from '../../auth/hooks/useReadOnly';
import { contactPanelStore } from '../states/inbox-layout.store';
import { Composer } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import { Timeline } from './Timeline';
import { TypingIndicator } from './TypingIndicator';

const isOpen = (open: boolean) => open;

/** Right side: the thread of one conversation, its composer, and the contact beside it. */
export function ConversationPane({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const conversation = useConversation(conversationId);
  const contactPanelOpen = useStore(contactPanelStore, isOpen);
  // A touchpoint manager reads: no composer, and reading leaves the team's unread marks alone.
  const readOnly = useReadOnly();

  let thread;
  if (conversation.isPending) {
    thread = (
      <>
        <div className="tp-thread__header">
          <Skeleton rows={2} label={t('inbox.thread.loading')} />
        </div>
        <div className="tp-timeline">
          <Skeleton rows={4} variant="bubble" label={t('inbox.thread.loadingTimeline')} />
        </div>
      </>
    );
  } else if (conversation.isError) {
    const missing = conversation.error.status === 404 || conversation.error.status === 403;
    thread = (
      <div className="tp-pane-message" data-testid="conversation-error">
        <Alert
          tone="error"
          title={missing ? t('inbox.thread.notFound') : t('inbox.thread.error')}
          action={
            missing ? (
              <Link className="tp-button tp-button--secondary" to="/inbox">
                {t('inbox.thread.back')}
              </Link>
            ) : (
              <Button variant="secondary" onClick={() => void conversation.refetch()}>
                {t('inbox.list.retry')}
              </Button>
            )
          }
        >
          {missing ? null : apiErrorMessage(conversation.error, t)}
        </Alert>
      </div>
    );
  } else {
    thread = (
      <>
        <ConversationHeader
          conversation={conversation.data}
          contactPanelOpen={contactPanelOpen}
          onToggleContactPanel={() => contactPanelStore.set((open) => !open)}
        />
        <Timeline conversationId={conversationId} />
        <TypingIndicator conversationId={conversationId} />
        {readOnly ? (
          <p className="tp-thread__read-only" data-testid="read-only-notice">
            {t('inbox.thread.readOnly')}
          </p>
        ) : (
          <Composer conversation={conversation.data} />
        )}
      </>
    );
  }

  return (
    <>
      <ConversationRoomEffect conversationId={conversationId} />
      {conversation.data && conversation.data.unreadCount > 0 && !readOnly ? (
        <MarkReadEffect
          conversationId={conversationId}
          unreadCount={conversation.data.unreadCount}
        />
      ) : null}
      <section
        className="tp-inbox__thread tp-thread"
        aria-labelledby={conversation.data ? 'thread-title' : undefined}
        aria-label={conversation.data ? undefined : t('inbox.thread.loading')}
        aria-busy={conversation.isPending || undefined}
        data-testid="conversation-thread"
      >
        {thread}
      </section>
      {conversation.data && contactPanelOpen ? (
        <ContactPanel
          contact={conversation.data.contactDetails}
          currentConversationId={conversationId}
          onClose={() => contactPanelStore.set(false)}
        />
      ) : null}
    </>
  );
}
