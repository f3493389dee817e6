import { useTranslation } from 'react-i18next';
import type { HandoffDto, HandoffKind, TimelineEventDto } from '@touchpoint/shared';
import { Icon } from '../../../ui/Icon';
import { useMe } from '../../auth/hooks/useMe';
import { RelativeTime } from '../../inbox/components/RelativeTime';
import { handoffTarget } from '../format/handoff-target';
import { useConversationHandoffs } from '../hooks/useConversationHandoffs';
import { HandoffActions } from './HandoffActions';
import { HandoffStatusBadge } from './HandoffStatusBadge';
import { SlaCountdown } from './SlaCountdown';
import { SplitConsultButton } from './SplitConsultButton';

/** What the `handoff.requested` event itself says (shown until the live handoff is loaded). */
interface RequestedEventData {
  handoffId?: string;
  kind?: HandoffKind;
  note?: string;
  target?: string;
  /** Asked on the owner's behalf because the customer wrote through the team's channel. */
  automatic: boolean;
}

function nameOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' && name ? name : undefined;
}

function readEvent(event: TimelineEventDto): RequestedEventData {
  const { handoffId, kind, note, user, team, automatic } = event.data;
  return {
    handoffId: typeof handoffId === 'string' ? handoffId : undefined,
    kind: kind === 'consult' || kind === 'transfer' ? kind : undefined,
    note: typeof note === 'string' ? note : undefined,
    target: nameOf(user) ?? nameOf(team),
    automatic: automatic === true,
  };
}

function Outcome({ handoff }: { handoff: HandoffDto }) {
  const { t } = useTranslation();
  const assignee = handoff.assignee?.name;
  if (handoff.status === 'accepted' && assignee) {
    return (
      <p className="tp-handoff-card__outcome">
        {t('handoffs.card.acceptedBy', { name: assignee })}
      </p>
    );
  }
  if (handoff.status === 'completed' && handoff.kind === 'transfer' && assignee) {
    return (
      <p className="tp-handoff-card__outcome">{t('handoffs.card.tookOver', { name: assignee })}</p>
    );
  }
  if (handoff.status === 'completed') {
    return (
      <div className="tp-handoff-card__answer" data-testid="handoff-summary">
        <p className="tp-handoff-card__label">
          {assignee ? t('handoffs.card.answerBy', { name: assignee }) : t('handoffs.card.answer')}
        </p>
        {handoff.summary ? <p className="tp-handoff-card__text">{handoff.summary}</p> : null}
      </div>
    );
  }
  if (handoff.status === 'declined') {
    return (
      <p className="tp-handoff-card__outcome">
        {handoff.declineReason
          ? t('handoffs.card.declinedBecause', { reason: handoff.declineReason })
          : t('handoffs.status.declined')}
      </p>
    );
  }
  return null;
}

/**
 * A `handoff.requested` event, as a card in the timeline: what was asked of whom, the pinned
 * summary, where it stands now (from the conversation's live handoffs), its deadline, and the
 * steps the viewer may take.
 */
export function HandoffCard({ event }: { event: TimelineEventDto }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const handoffs = useConversationHandoffs(event.conversationId);
  const fromEvent = readEvent(event);
  const handoff = handoffs.data?.find((item) => item.id === fromEvent.handoffId);

  const kind = handoff?.kind ?? fromEvent.kind ?? 'consult';
  const target = handoff
    ? handoffTarget(handoff, t)
    : (fromEvent.target ?? t('inbox.event.someone'));
  const note = handoff?.note ?? fromEvent.note;
  const requester = handoff?.requestedBy.name ?? event.actor?.name ?? t('inbox.event.system');
  const title = t(`handoffs.card.title.${kind}`, { target });

  return (
    <article
      className={`tp-handoff-card tp-handoff-card--${kind}`}
      aria-label={title}
      data-testid="handoff-card"
      data-kind={event.kind}
      data-handoff-id={fromEvent.handoffId}
      data-status={handoff?.status}
    >
      <header className="tp-handoff-card__header">
        <span className="tp-tag tp-handoff-card__kind">
          <Icon name="handoff" size={14} />
          {t(`handoffs.kind.${kind}`)}
        </span>
        <span className="tp-handoff-card__target">{title}</span>
        {handoff ? <HandoffStatusBadge status={handoff.status} /> : null}
        {handoff?.breached ? (
          <span className="tp-handoff-breached" data-testid="handoff-breached">
            {t('handoffs.breached')}
          </span>
        ) : null}
      </header>
      <p className="tp-handoff-card__meta">
        {fromEvent.automatic
          ? t('handoffs.card.automatic', { name: requester })
          : t('handoffs.card.requestedBy', { name: requester })}
        <span aria-hidden="true"> · </span>
        <RelativeTime at={event.createdAt} />
        {handoff ? <SlaCountdown handoff={handoff} /> : null}
      </p>
      {note ? (
        <blockquote className="tp-handoff-card__note" data-testid="handoff-note">
          <p className="tp-handoff-card__label">
            <Icon name="pin" size={13} />
            {fromEvent.automatic ? t('handoffs.card.automaticNote') : t('handoffs.card.note')}
          </p>
          <p className="tp-handoff-card__text">{note}</p>
        </blockquote>
      ) : null}
      {handoff ? <Outcome handoff={handoff} /> : null}
      {handoff && me ? <HandoffActions handoff={handoff} me={me} /> : null}
      {handoff && me ? (
        <SplitConsultButton handoff={handoff} me={me} automatic={fromEvent.automatic} />
      ) : null}
    </article>
  );
}
