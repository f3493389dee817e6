import type { TFunction } from 'i18next';
import type { NotificationDto, NotificationKind } from '@touchpoint/shared';

/** The locale key of each kind's sentence (kinds are dotted; locale keys cannot be). */
const SENTENCES = {
  mention: 'mention',
  team_mention: 'teamMention',
  'handoff.requested': 'handoffRequested',
  'handoff.accepted': 'handoffAccepted',
  'handoff.declined': 'handoffDeclined',
  'handoff.completed': 'handoffCompleted',
  'handoff.escalated': 'handoffEscalated',
  'handoff.nudged': 'handoffNudged',
  'sla.at_risk': 'slaAtRisk',
  'sla.breached': 'slaBreached',
  'conversation.assigned': 'conversationAssigned',
  'suggestion.waiting': 'suggestionWaiting',
} as const satisfies Record<NotificationKind, string>;

const EXCERPT_LENGTH = 160;

/**
 * What happened, in one sentence: "Eva asked Service for help", "Anna accepted your transfer".
 * Handoff news names the kind and the team asked when the notification carries them.
 */
export function notificationSentence(notification: NotificationDto, t: TFunction): string {
  const name = notification.actor?.name ?? t('notifications.someone');
  // Given by a supervisor (forced transfer) or by automatic assignment (no actor).
  if (notification.kind === 'conversation.assigned' && notification.actor) {
    return t('notifications.kind.conversationAssignedBy', { name });
  }
  const handoff = notification.handoff;
  if (handoff && notification.kind === 'handoff.requested') {
    const transfer = handoff.kind === 'transfer';
    return handoff.team
      ? t(`notifications.kind.${transfer ? 'transferRequestedTeam' : 'consultRequestedTeam'}`, {
          name,
          team: handoff.team.name,
        })
      : t(`notifications.kind.${transfer ? 'transferRequestedYou' : 'consultRequestedYou'}`, {
          name,
        });
  }
  if (
    handoff &&
    (notification.kind === 'handoff.accepted' || notification.kind === 'handoff.declined')
  ) {
    const verb = notification.kind === 'handoff.accepted' ? 'Accepted' : 'Declined';
    return t(`notifications.kind.${handoff.kind}${verb}`, { name });
  }
  return t(`notifications.kind.${SENTENCES[notification.kind]}`, { name });
}

/** The notification's text (note, answer, reason) on one line, cut at a readable length. */
export function notificationExcerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…` : flat;
}
