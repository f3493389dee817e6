import type { TFunction } from 'i18next';
import {
  CONVERSATION_PRIORITIES,
  CONVERSATION_STATUSES,
  type ConversationPriority,
  type ConversationStatus,
  type TimelineEventDto,
} from '@touchpoint/shared';

/*
 * One sentence per timeline event. `data` is free-form in the contract; these are the keys
 * read (anything missing falls back to a sentence without it):
 *   conversation.assigned        { owner: { id, name } | null }
 *   conversation.status_changed  { from, to }            (statuses)
 *   conversation.priority_changed{ from, to }            (priorities)
 *   conversation.channel_switched{ from?: { name }, to: { name } }
 *   conversation.opened          { channel?: { name } }
 *   handoff.*                    { team?: { name }, user?: { name } }
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
    case 'handoff.requested':
    case 'handoff.accepted':
    case 'handoff.declined':
    case 'handoff.completed':
    case 'handoff.cancelled':
    case 'handoff.escalated': {
      const target =
        nameOf(field(data, 'user')) ?? nameOf(field(data, 'team')) ?? t('inbox.event.someone');
      const key = event.kind.slice('handoff.'.length) as
        'requested' | 'accepted' | 'declined' | 'completed' | 'cancelled' | 'escalated';
      return t(`inbox.event.handoff.${key}`, { actor, target });
    }
  }
}
