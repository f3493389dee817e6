import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ConversationSummaryDto } from '@touchpoint/shared';
import { Avatar } from '../../../ui/Avatar';
import { ChannelIcon } from './ChannelIcon';
import { RelativeTime } from './RelativeTime';
import { SlaBadge } from './SlaBadge';
import { StatusPill } from './StatusPill';
import { contactName } from '../../contacts/contact-name';
import { LeadBadge } from '../../handoffs/components/LeadBadge';
import { BulkCheckbox } from '../../labels/components/BulkCheckbox';
import { LabelChips } from '../../labels/components/LabelChips';

export interface ConversationListItemProps {
  conversation: ConversationSummaryDto;
  selected: boolean;
}

function usePreviewText(conversation: ConversationSummaryDto): string {
  const { t } = useTranslation();
  const preview = conversation.preview;
  if (!preview) return t('inbox.list.noPreview');
  if (preview.type === 'note') return t('inbox.list.previewNote', { text: preview.text });
  if (preview.type === 'outbound') return t('inbox.list.previewReply', { text: preview.text });
  if (preview.type === 'call') return t('inbox.list.previewCall', { text: preview.text });
  return preview.text;
}

/** One row of the list: a link to the conversation, so it can be opened in a new tab too. */
export function ConversationListItem({ conversation, selected }: ConversationListItemProps) {
  const { t } = useTranslation();
  const preview = usePreviewText(conversation);
  const unread = conversation.unreadCount;
  return (
    <li className="tp-conversations__entry tp-conversations__entry--selectable">
      <BulkCheckbox
        conversationId={conversation.id}
        name={contactName(conversation.contact.name, t)}
      />
      <Link
        to={`/inbox/${conversation.id}`}
        className={`tp-conversation${selected ? ' tp-conversation--selected' : ''}${
          unread > 0 ? ' tp-conversation--unread' : ''
        }`}
        aria-current={selected ? 'page' : undefined}
        data-testid="conversation-item"
        data-conversation-id={conversation.id}
      >
        <span className="tp-conversation__top">
          <span className="tp-conversation__name">
            {contactName(conversation.contact.name, t, conversation.createdAt)}
          </span>
          <span className="tp-conversation__channels">
            {conversation.channelKinds.map((kind) => (
              <ChannelIcon key={kind} kind={kind} size={14} />
            ))}
          </span>
          <RelativeTime at={conversation.lastActivityAt} className="tp-conversation__age" />
        </span>
        <span className="tp-conversation__middle">
          <span
            className={`tp-conversation__preview${
              conversation.preview?.type === 'note' ? ' tp-conversation__preview--note' : ''
            }`}
          >
            {preview}
          </span>
          {unread > 0 ? (
            <span className="tp-badge" data-testid="unread-count">
              <span aria-hidden="true">{unread}</span>
              <span className="tp-visually-hidden">
                {t('inbox.list.unread', { count: unread })}
              </span>
            </span>
          ) : null}
        </span>
        <span className="tp-conversation__bottom">
          <StatusPill status={conversation.status} />
          <SlaBadge sla={conversation.sla} />
          <LeadBadge leadAt={conversation.leadAt} />
          <LabelChips labelIds={conversation.labelIds} />
          {conversation.owner ? (
            <Avatar
              name={conversation.owner.name}
              size="small"
              label={t('inbox.list.ownedBy', { name: conversation.owner.name })}
            />
          ) : (
            <span className="tp-conversation__unassigned">{t('inbox.list.unassigned')}</span>
          )}
        </span>
      </Link>
    </li>
  );
}
