import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { OVERSEEING_ROLES, type HandoffDto, type UserDto } from '@touchpoint/shared';
import { Icon } from '../../../ui/Icon';
import { contactName } from '../../contacts/contact-name';
import { RelativeTime } from '../../inbox/components/RelativeTime';
import { handoffTarget } from '../format/handoff-target';
import { HandoffActions, type HandoffStep } from './HandoffActions';
import { HandoffStatusBadge } from './HandoffStatusBadge';
import { LeadBadge } from './LeadBadge';
import { SlaCountdown } from './SlaCountdown';

const EXCERPT_LENGTH = 160;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : flat;
}

/** The conversation a handoff belongs to, by contact and subject (carried by the handoff itself). */
function ConversationLabel({ handoff }: { handoff: HandoffDto }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="tp-handoff-row__contact">
        {contactName(handoff.conversation.contactName, t)}
      </span>
      {handoff.conversation.subject ? (
        <span className="tp-handoff-row__subject"> · {handoff.conversation.subject}</span>
      ) : null}
      {handoff.conversation.channel ? (
        <span className="tp-handoff-row__subject" data-testid="handoff-channel">
          {' '}
          · {t('handoffs.lead.via', { channel: handoff.conversation.channel.name })}
        </span>
      ) : null}
      {handoff.lead ? <LeadBadge leadAt={handoff.createdAt} /> : null}
    </>
  );
}

/**
 * Whether the conversation opens for `me`: a request waiting for me is read from its summary; the
 * conversation itself opens once accepted (the asker, supervisors and admins see it anyway).
 */
function mayOpen(handoff: HandoffDto, me: UserDto): boolean {
  return (
    handoff.status !== 'requested' ||
    handoff.requestedBy.id === me.id ||
    OVERSEEING_ROLES.includes(me.role)
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
        {mayOpen(handoff, me) ? (
          <Link
            to={`/inbox/${handoff.conversationId}`}
            className="tp-handoff-row__conversation"
            data-testid="handoff-conversation"
          >
            <ConversationLabel handoff={handoff} />
          </Link>
        ) : (
          <span
            className="tp-handoff-row__conversation"
            data-testid="handoff-conversation"
            title={t('handoffs.acceptToOpen')}
          >
            <ConversationLabel handoff={handoff} />
          </span>
        )}
        <p className="tp-handoff-row__what">
          <span className={`tp-tag tp-handoff-kind tp-handoff-kind--${handoff.kind}`}>
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
