import type { ConversationSummaryDto, TimelineEventDto } from '@touchpoint/shared';
import type { Conversation } from './conversation.entity';
import type { TimelineEvent } from './timeline-event.entity';

/** Needs `contact`, `owner`, `team` and `lastInboundChannel` loaded. */
export function toConversationSummary(c: Conversation): ConversationSummaryDto {
  return {
    id: c.id,
    contact: {
      id: c.contactId,
      name: c.contact?.name || c.contact?.email || c.contact?.phone || '',
      preferredChannel: c.contact?.preferredChannel ?? null,
    },
    subject: c.subject,
    status: c.status,
    priority: c.priority,
    owner: c.owner ? { id: c.owner.id, name: c.owner.name } : null,
    team: c.team ? { id: c.team.id, name: c.team.name } : null,
    channelKinds: c.channelKinds,
    lastInboundChannel: c.lastInboundChannel
      ? {
          id: c.lastInboundChannel.id,
          kind: c.lastInboundChannel.kind,
          name: c.lastInboundChannel.name,
        }
      : null,
    preview:
      c.previewText !== null && c.previewType
        ? { text: c.previewText, type: c.previewType, at: c.lastActivityAt.toISOString() }
        : null,
    lastActivityAt: c.lastActivityAt.toISOString(),
    unreadCount: c.unreadCount,
    lastSeq: c.lastSeq,
    createdAt: c.createdAt.toISOString(),
    sla: c.slaMetric
      ? {
          metric: c.slaMetric,
          riskAt: c.slaRiskAt?.toISOString() ?? null,
          dueAt: c.slaDueAt?.toISOString() ?? null,
          breachedAt: c.slaBreachedAt?.toISOString() ?? null,
        }
      : null,
    leadAt: c.leadAt?.toISOString() ?? null,
    labelIds: c.labelIds ?? [],
    mergedIntoId: c.mergedIntoId ?? null,
    timelineEpoch: c.timelineEpoch ?? 0,
  };
}

export const CONVERSATION_RELATIONS = {
  contact: true,
  owner: true,
  team: true,
  lastInboundChannel: true,
} as const;

export function toTimelineEventDto(e: TimelineEvent): TimelineEventDto {
  return {
    id: e.id,
    conversationId: e.conversationId,
    seq: e.seq,
    kind: e.kind,
    actor: e.actor ? { id: e.actor.id, name: e.actor.name } : null,
    data: e.data,
    createdAt: e.createdAt.toISOString(),
  };
}

/** One line of text for the conversation list. */
export function previewOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 280);
}
