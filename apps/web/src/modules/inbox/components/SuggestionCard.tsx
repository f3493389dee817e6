import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import { useStore } from '../../../lib/store';
import { useMe } from '../../auth/hooks/useMe';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { mayReply } from '../format/composer-modes';
import { useConversation } from '../hooks/useConversation';
import { useSendSuggestion } from '../hooks/useSendSuggestion';
import { draftsStore, editSuggestion, type Draft } from '../states/drafts.store';
import { suggestionClientMessageId } from '../states/suggestion-sends.store';
import { composerInputId } from './Composer';
import { RelativeTime } from './RelativeTime';

/**
 * A reply a colleague suggested (an internal note until sent). Whoever may answer the customer
 * sends it with one click, or edits it in the composer first; afterwards it says "Sent".
 */
export function SuggestionCard({ message }: { message: MessageDto }) {
  const { t } = useTranslation();
  const conversationId = message.conversationId;
  const { data: me } = useMe();
  const conversation = useConversation(conversationId);
  const send = useSendSuggestion();
  const editing = useStore(
    draftsStore,
    useCallback(
      (drafts: Readonly<Record<string, Draft>>) =>
        drafts[conversationId]?.suggestion?.id === message.id,
      [conversationId, message.id],
    ),
  );
  const sent = message.suggestion?.status === 'sent';
  const canSend = !sent && conversation.data !== undefined && mayReply(conversation.data, me);
  const author = message.author.name;

  const sendAsIs = () => {
    send.send({
      conversationId,
      suggestionId: message.id,
      body: { clientMessageId: suggestionClientMessageId(message.id) },
    });
  };

  const edit = () => {
    editSuggestion(
      conversationId,
      { id: message.id, authorName: author, text: message.text },
      suggestionClientMessageId(message.id),
    );
    document.getElementById(composerInputId(conversationId))?.focus();
  };

  return (
    <article
      className={`tp-message tp-message--suggestion${sent ? ' tp-message--suggestion-sent' : ''}`}
      data-testid="message"
      data-type={message.type}
      data-seq={message.seq}
      data-suggestion={message.suggestion?.status}
      aria-label={t('inbox.suggestion.label', { name: author })}
    >
      <header className="tp-message__header">
        <span className="tp-tag tp-message__suggestion-label" data-testid="suggestion-label">
          <Icon name="sparkle" size={13} />
          {t('inbox.suggestion.title', { name: author })}
        </span>
        <RelativeTime at={message.createdAt} className="tp-message__time" />
      </header>
      <p className="tp-message__text">{message.text}</p>
      <footer className="tp-actions tp-actions--compact">
        {sent ? (
          <span className="tp-suggestion__sent" data-testid="suggestion-sent">
            <Icon name="check" size={14} />
            {t('inbox.suggestion.sent')}
          </span>
        ) : canSend ? (
          <>
            <Button
              icon={<Icon name="send" size={14} />}
              busy={send.isPending}
              onClick={sendAsIs}
              data-testid="suggestion-send"
            >
              {t('inbox.suggestion.send')}
            </Button>
            <Button
              variant="secondary"
              disabled={send.isPending}
              onClick={edit}
              data-testid="suggestion-edit"
            >
              {t('inbox.suggestion.edit')}
            </Button>
            {editing ? (
              <span className="tp-suggestion__editing">{t('inbox.suggestion.editing')}</span>
            ) : null}
          </>
        ) : (
          <span className="tp-suggestion__waiting">
            <Icon name="lock" size={13} />
            {conversation.data?.owner
              ? t('inbox.suggestion.waitingFor', { name: conversation.data.owner.name })
              : t('inbox.suggestion.waiting')}
          </span>
        )}
      </footer>
      {send.isError ? (
        <Alert tone="error" data-testid="suggestion-error">
          {apiErrorMessage(send.error, t)}
        </Alert>
      ) : null}
    </article>
  );
}
