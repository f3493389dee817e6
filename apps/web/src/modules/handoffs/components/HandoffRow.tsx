import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { HandoffDto, UserDto } from '@touchpoint/shared';
import { Icon } from '../../../ui/Icon';
import { contactName } from '../../contacts/contact-name';
import { RelativeTime } from '../../inbox/components/RelativeTime';
import { useConversation } from '../../inbox/hooks/useConversation';
import { handoffTarget } from '../format/handoff-target';
import { HandoffActions, type HandoffStep } from './HandoffActions';
import { HandoffStatusBadge } from './HandoffStatusBadge';
import { SlaCountdown } from './SlaCountdown';

const EXCERPT_LENGTH = 160;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : flat;
}

/**
 * The conversation a handoff belongs to, by contact and subject. (A handoff names only the
 * conversation's id; one the viewer may not open yet shows as "Conversation".)
 */
function ConversationLabel({ conversationId }: { conversationId: string }) {
  const { t } = useTranslation();
  const conversation = useConversation(conversationId);
  if (!conversation.data) {
    return <>{conversation.isPending ? '…' : t('handoffs.row.conversation')}</>;
  }
  return (
    <>
      <span className="tp-handoff-row__contact">
        {contactName(conversation.data.contact.name, t)}
      </span>
      {conversation.data.subject ? (
        <span className="tp-handoff-row__subject"> · {conversation.data.subject}</span>
      ) : null}
    </>
  );
}

export interface HandoffRowProps {
  handoff: HandoffDto;
  me: UserDto;
  onDone: (step: HandoffStep, handoff: HandoffDto) => void;
}

/** One handoff of a list: the conversation, what is asked of whom, the note, the clock, the steps. */
export function HandoffRow({ handoff, me, onDone }: HandoffRowProps) {
  const { t } = useTranslation();
  return (
    <li
      className="tp-handoff-row"
      data-testid="handoff-row"
      data-handoff-id={handoff.id}
      data-status={handoff.status}
    >
      <div className="tp-handoff-row__main">
        <Link
          to={`/inbox/${handoff.conversationId}`}
          className="tp-handoff-row__conversation"
          data-testid="handoff-conversation"
        >
          <ConversationLabel conversationId={handoff.conversationId} />
        </Link>
        <p className="tp-handoff-row__what">
          <span className={`tp-handoff-kind tp-handoff-kind--${handoff.kind}`}>
            <Icon name="handoff" size={13} />
            {t(`handoffs.kind.${handoff.kind}`)}
          </span>
          <span className="tp-handoff-row__target">{handoffTarget(handoff, t)}</span>
          <HandoffStatusBadge status={handoff.status} />
          {handoff.breached ? (
            <span className="tp-handoff-breached" data-testid="handoff-breached">
              {t('handoffs.breached')}
            </span>
          ) : null}
          <SlaCountdown handoff={handoff} />
        </p>
        <p className="tp-handoff-row__note" title={handoff.note} data-testid="handoff-note">
          {excerpt(handoff.note)}
        </p>
        <p className="tp-handoff-row__meta">
          {t('handoffs.card.requestedBy', { name: handoff.requestedBy.name })}
          <span aria-hidden="true"> · </span>
          <RelativeTime at={handoff.createdAt} />
        </p>
      </div>
      <HandoffActions handoff={handoff} me={me} onDone={onDone} />
    </li>
  );
}
