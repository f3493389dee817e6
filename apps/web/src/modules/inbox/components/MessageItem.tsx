import { useTranslation } from 'react-i18next';
import type { MessageDto } from '@touchpoint/shared';
import { Icon } from '../../../ui/Icon';
import { AttachmentList } from './AttachmentList';
import { CallCard } from './CallCard';
import { ChannelIcon } from './ChannelIcon';
import { DeliveryStatus } from './DeliveryStatus';
import { EmailBody } from './EmailBody';
import { QuotedHistory } from './QuotedHistory';
import { RelativeTime } from './RelativeTime';
import { SplitFromHereButton } from './SplitFromHereButton';
import { SuggestionCard } from './SuggestionCard';
import { contactName } from '../../contacts/contact-name';
import { TranslatableText } from '../../assist/components/TranslatableText';

/**
 * One message: the customer's on the left, ours on the right; internal notes yellow and
 * labelled, so a note can never be mistaken for something the customer saw. A suggested reply
 * (a note meant for the customer once the owner sends it) is a card of its own.
 */
export function MessageItem({ message }: { message: MessageDto }) {
  const { t } = useTranslation();
  if (message.suggestion) return <SuggestionCard message={message} />;
  if (message.type === 'call') return <CallCard message={message} />;
  const isNote = message.type === 'note';
  const side = message.type === 'inbound' ? 'inbound' : 'outbound';
  // Inline images of an HTML mail are already in its body.
  const attachments = message.html
    ? message.attachments.filter((attachment) => !attachment.inline)
    : message.attachments;
  return (
    <article
      className={`tp-message tp-message--${side}${isNote ? ' tp-message--note' : ''}`}
      data-testid="message"
      data-type={message.type}
      data-seq={message.seq}
      aria-label={isNote ? t('inbox.thread.internalNote') : undefined}
    >
      <header className="tp-message__header">
        <span className="tp-message__author">
          {message.author.type === 'contact'
            ? contactName(message.author.name, t)
            : message.author.name}
        </span>
        {isNote ? (
          <span className="tp-tag tp-message__note-label" data-testid="note-label">
            <Icon name="lock" size={13} />
            {t('inbox.thread.internalNote')}
          </span>
        ) : message.channel ? (
          <span className="tp-message__channel" data-testid="message-channel">
            <ChannelIcon kind={message.channel.kind} size={13} />
            <span>{message.channel.name}</span>
          </span>
        ) : null}
        <RelativeTime at={message.createdAt} className="tp-message__time" />
        <SplitFromHereButton message={message} />
      </header>
      {message.subject ? (
        <p className="tp-message__subject" data-testid="message-subject">
          <span className="tp-visually-hidden">{t('inbox.thread.subject')} </span>
          {message.subject}
        </p>
      ) : null}
      {message.type === 'inbound' ? (
        <TranslatableText
          conversationId={message.conversationId}
          messageId={message.id}
          text={message.text}
        >
          {message.html ? (
            <EmailBody
              html={message.html}
              title={t('inbox.thread.emailFrame', { name: message.author.name })}
            />
          ) : undefined}
        </TranslatableText>
      ) : message.html ? (
        <EmailBody
          html={message.html}
          title={t('inbox.thread.emailFrame', { name: message.author.name })}
        />
      ) : (
        <p className="tp-message__text">{message.text}</p>
      )}
      {message.charactersReplaced ? (
        <p className="tp-message__hint" data-testid="characters-replaced">
          <Icon name="alert" size={13} />
          {t('inbox.thread.charactersReplaced')}
        </p>
      ) : null}
      {message.droppedAttachments?.length ? (
        <div className="tp-message__hint" data-testid="dropped-attachments">
          <Icon name="alert" size={13} />
          <span>
            {t('inbox.thread.droppedAttachments', { count: message.droppedAttachments.length })}
            <ul className="tp-message__dropped">
              {message.droppedAttachments.map((entry) => (
                <li key={entry}>{entry}</li>
              ))}
            </ul>
          </span>
        </div>
      ) : null}
      {message.quoted ? <QuotedHistory text={message.quoted} /> : null}
      <AttachmentList attachments={attachments} />
      {message.type === 'outbound' ? <DeliveryStatus message={message} /> : null}
    </article>
  );
}
