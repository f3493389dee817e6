import type { HandoffDto } from '@touchpoint/shared';
import type { Handoff } from './handoff.entity';

/** Needs `team`, `assignee`, `requestedBy`, `conversation.contact` and `.lastInboundChannel` loaded. */
export function toHandoffDto(h: Handoff): HandoffDto {
  const ref = (u: { id: string; name: string } | null | undefined) =>
    u ? { id: u.id, name: u.name } : null;
  const channel = h.conversation?.lastInboundChannel;
  return {
    id: h.id,
    conversationId: h.conversationId,
    conversation: {
      contactName: h.conversation?.contact?.name ?? '',
      subject: h.conversation?.subject ?? null,
      channel: channel ? { id: channel.id, kind: channel.kind, name: channel.name } : null,
    },
    kind: h.kind,
    lead: h.lead,
    status: h.status,
    note: h.note,
    team: h.team ? { id: h.team.id, name: h.team.name } : null,
    assignee: ref(h.assignee),
    requestedBy: ref(h.requestedBy) ?? { id: h.requestedById, name: '' },
    declineReason: h.declineReason,
    summary: h.summary,
    acceptDueAt: h.acceptDueAt?.toISOString() ?? null,
    answerDueAt: h.answerDueAt?.toISOString() ?? null,
    breached: h.breached,
    createdAt: h.createdAt.toISOString(),
    acceptedAt: h.acceptedAt?.toISOString() ?? null,
    completedAt: h.completedAt?.toISOString() ?? null,
  };
}

export const HANDOFF_RELATIONS = {
  team: true,
  assignee: true,
  requestedBy: true,
  conversation: { contact: true, lastInboundChannel: true },
} as const;
