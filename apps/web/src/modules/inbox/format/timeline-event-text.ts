import type { TFunction } from 'i18next';
import {
  CONVERSATION_PRIORITIES,
  CONVERSATION_STATUSES,
  SLA_METRICS,
  type ConversationPriority,
  type ConversationStatus,
  type TimelineEventDto,
} from '@touchpoint/shared';

/*
 * One sentence per timeline event. `data` is free-form in the contract; these are the keys
 * read (anything missing falls back to a sentence without it):
 *   conversation.assigned        { owner: { id, name } | null, previousOwner?, transferId?, automatic? }
 *   conversation.status_changed  { from, to }            (statuses)
 *   conversation.priority_changed{ from, to }            (priorities)
 *   conversation.woke_up         { snoozedUntil }        (a snooze reached its time)
 *   conversation.channel_switched{ from?: { name }, to: { name } }
 *   conversation.opened          { channel?: { name } }
 *   conversation.marked_lead     { kind, team: { name }, note, handoffId }
 *   conversation.merged          { mergeId, source: { id, subject }, undoneAt? }
 *   conversation.merged_into     { mergeId, target: { id, subject } }
 *   conversation.unmerged        { mergeId, source: { id }, target: { id } }
 *   conversation.split|split_from{ conversation: { id, subject }, team?: { name }, note? }
 *   conversation.labeled|unlabeled { label: { id, name, color } }
 *   handoff.*                    { kind?, team?: { name }, user?: { name }, reason?, summary? }
 *   participant.kept|removed     { user: { id, name } }  (the actor is the owner or a supervisor)
 *   sla.at_risk|breached         { metric, dueAt, targetSeconds }
 * (`handoff.requested` shows as a card, see HandoffCard; its sentence is for elsewhere.)
 */

function field(data: Record<string, unknown>, key: string): unknown {
  return data[key];
}

function nameOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' && name.trim() ? name : undefined;
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

function subjectOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const subject = (value as { subject?: unknown }).subject;
  return typeof subject === 'string' && subject.trim() ? subject : undefined;
}

function asStatus(value: unknown): ConversationStatus | undefined {
  return CONVERSATION_STATUSES.find((status) => status === value);
}

function asPriority(value: unknown): ConversationPriority | undefined {
  return CONVERSATION_PRIORITIES.find((priority) => priority === value);
}

export function timelineEventText(event: TimelineEventDto, t: TFunction): string {
  const actor = event.actor?.name ?? t('inbox.event.system');
  const data = event.data;
  switch (event.kind) {
    case 'conversation.opened': {
      const channel = nameOf(field(data, 'channel'));
      return channel ? t('inbox.event.openedVia', { channel }) : t('inbox.event.opened');
    }
    case 'conversation.reopened':
      return event.actor ? t('inbox.event.reopenedBy', { actor }) : t('inbox.event.reopened');
    case 'conversation.assigned': {
      const owner = field(data, 'owner');
      const ownerName = nameOf(owner);
      if (owner === null) return t('inbox.event.unassigned', { actor });
      if (!ownerName) return t('inbox.event.assignedUnknown', { actor });
      if (typeof field(data, 'transferId') === 'string') {
        const previous = nameOf(field(data, 'previousOwner'));
        return previous
          ? t('inbox.event.transferred', { owner: ownerName, previous })
          : t('inbox.event.transferredUnowned', { owner: ownerName });
      }
      if (field(data, 'automatic') === true)
        return t('inbox.event.assignedAutomatically', { owner: ownerName });
      if (event.actor && idOf(owner) === event.actor.id) {
        return t('inbox.event.claimed', { actor });
      }
      return t('inbox.event.assigned', { actor, owner: ownerName });
    }
    case 'conversation.status_changed': {
      const to = asStatus(field(data, 'to'));
      return to
        ? t('inbox.event.statusChanged', { actor, status: t(`inbox.status.${to}`) })
        : t('inbox.event.statusChangedUnknown', { actor });
    }
    case 'conversation.woke_up':
      return t('inbox.event.wokeUp');
    case 'conversation.priority_changed': {
      const to = asPriority(field(data, 'to'));
      return to
        ? t('inbox.event.priorityChanged', { actor, priority: t(`inbox.priority.${to}`) })
        : t('inbox.event.priorityChangedUnknown', { actor });
    }
    case 'conversation.channel_switched': {
      const from = nameOf(field(data, 'from'));
      const to = nameOf(field(data, 'to'));
      if (from && to) return t('inbox.event.channelSwitched', { from, to });
      if (to) return t('inbox.event.channelSwitchedTo', { to });
      return t('inbox.event.channelSwitchedUnknown');
    }
    case 'conversation.marked_lead': {
      const team = nameOf(field(data, 'team')) ?? t('inbox.event.someone');
      return field(data, 'kind') === 'transfer'
        ? t('inbox.event.markedLeadTransfer', { actor, team })
        : t('inbox.event.markedLead', { actor, team });
    }
    case 'conversation.merged': {
      const subject = subjectOf(field(data, 'source'));
      return subject
        ? t('inbox.event.merged', { actor, subject })
        : t('inbox.event.mergedUntitled', { actor });
    }
    case 'conversation.merged_into':
      return t('inbox.event.mergedInto', { actor });
    case 'conversation.unmerged':
      return t('inbox.event.unmerged', { actor });
    case 'conversation.split': {
      const team = nameOf(field(data, 'team'));
      return team
        ? t('inbox.event.split', { actor, team })
        : t('inbox.event.splitNoTeam', { actor });
    }
    case 'conversation.split_from':
      return t('inbox.event.splitFrom', { actor });
    case 'conversation.labeled':
    case 'conversation.unlabeled': {
      const label = nameOf(field(data, 'label')) ?? '';
      return event.kind === 'conversation.labeled'
        ? t('inbox.event.labeled', { actor, label })
        : t('inbox.event.unlabeled', { actor, label });
    }
    case 'handoff.requested': {
      const target =
        nameOf(field(data, 'user')) ?? nameOf(field(data, 'team')) ?? t('inbox.event.someone');
      return field(data, 'kind') === 'transfer'
        ? t('inbox.event.handoff.requestedTransfer', { actor, target })
        : t('inbox.event.handoff.requested', { actor, target });
    }
    case 'handoff.accepted':
      return field(data, 'kind') === 'transfer'
        ? t('inbox.event.handoff.acceptedTransfer', { actor })
        : t('inbox.event.handoff.accepted', { actor });
    case 'handoff.declined': {
      const reason = field(data, 'reason');
      return typeof reason === 'string' && reason.trim()
        ? t('inbox.event.handoff.declinedBecause', { actor, reason })
        : t('inbox.event.handoff.declined', { actor });
    }
    case 'handoff.completed':
      return t('inbox.event.handoff.completed', { actor });
    case 'handoff.cancelled':
      return t('inbox.event.handoff.cancelled', { actor });
    case 'handoff.expired':
      return field(data, 'kind') === 'transfer'
        ? t('inbox.event.handoff.expiredTransfer')
        : t('inbox.event.handoff.expired');
    case 'handoff.escalated': {
      // Accepted but not answered in time: the specialist still owes the answer.
      if (field(data, 'phase') === 'answer') {
        const name = nameOf(field(data, 'user'));
        return name
          ? t('inbox.event.handoff.answerEscalatedBy', { name })
          : t('inbox.event.handoff.answerEscalated');
      }
      const team = nameOf(field(data, 'team'));
      return team
        ? t('inbox.event.handoff.escalatedTo', { team })
        : t('inbox.event.handoff.escalated');
    }
    case 'handoff.nudged': {
      const name = nameOf(field(data, 'user')) ?? nameOf(field(data, 'team'));
      return name
        ? t('inbox.event.handoff.nudged', { actor, name })
        : t('inbox.event.handoff.nudgedSomeone', { actor });
    }
    case 'sla.at_risk':
    case 'sla.breached': {
      const metric = SLA_METRICS.find((m) => m === field(data, 'metric')) ?? 'first_response';
      return t(`inbox.event.sla.${event.kind === 'sla.at_risk' ? 'atRisk' : 'breached'}`, {
        metric: t(`inbox.event.sla.metric.${metric}`),
      });
    }
    case 'participant.kept':
    case 'participant.removed': {
      const name = nameOf(field(data, 'user')) ?? t('inbox.event.someone');
      return event.kind === 'participant.kept'
        ? t('inbox.event.participantKept', { actor, name })
        : t('inbox.event.participantRemoved', { actor, name });
    }
  }
}
