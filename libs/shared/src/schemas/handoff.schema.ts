import { z } from 'zod';
import { uuidSchema } from './common.schema';
import type { ChannelRefDto } from './channel.schema';
import type { UserRefDto } from './conversation.schema';

export const HANDOFF_KINDS = ['consult', 'transfer'] as const;
export type HandoffKind = (typeof HANDOFF_KINDS)[number];

export const HANDOFF_STATUSES = [
  'requested',
  'accepted',
  'completed',
  'declined',
  'cancelled',
  'expired',
] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];
/** A handoff still waiting for someone or being worked on. */
export const OPEN_HANDOFF_STATUSES: readonly HandoffStatus[] = ['requested', 'accepted'];

export const HANDOFF_NOTE_MIN = 10;

/** `POST /api/conversations/:id/handoffs`: pull in a team or a person (consult) or hand over (transfer). */
export const createHandoffSchema = z
  .object({
    kind: z.enum(HANDOFF_KINDS, { message: 'must be consult or transfer' }),
    teamId: uuidSchema.optional(),
    userId: uuidSchema.optional(),
    note: z
      .string()
      .trim()
      .min(HANDOFF_NOTE_MIN, {
        message: `must summarise the case in at least ${HANDOFF_NOTE_MIN} characters (what the customer wants, what was promised or tried)`,
      })
      .max(2000, { message: 'must be at most 2000 characters' }),
    /**
     * Supervisors and admins only, transfers only: takes effect at once instead of waiting for
     * acceptance (to a person: they own it; to a team: it waits in that team's queue).
     */
    force: z.boolean({ message: 'must be true or false' }).optional(),
  })
  .strict()
  .refine((v) => Boolean(v.teamId) !== Boolean(v.userId), {
    message: 'name either a teamId or a userId',
    path: ['teamId'],
  })
  .refine((v) => !v.force || v.kind === 'transfer', {
    message: 'only a transfer can be forced',
    path: ['force'],
  });
export type CreateHandoffRequest = z.input<typeof createHandoffSchema>;

/**
 * `POST /api/conversations/:id/lead`: a sales lead with its qualification, to the team that receives
 * leads (or `teamId`), as a consult (the owner stays the customer's voice) or a transfer.
 */
export const markLeadSchema = z
  .object({
    note: z
      .string({ message: 'is required: qualify the lead (need, budget, timing)' })
      .trim()
      .min(HANDOFF_NOTE_MIN, {
        message: `must qualify the lead in at least ${HANDOFF_NOTE_MIN} characters (need, budget, timing)`,
      })
      .max(2000, { message: 'must be at most 2000 characters' }),
    teamId: uuidSchema.optional(),
    kind: z.enum(HANDOFF_KINDS, { message: 'must be consult or transfer' }).default('consult'),
  })
  .strict();
export type MarkLeadRequest = z.input<typeof markLeadSchema>;

export const declineHandoffSchema = z
  .object({ reason: z.string().trim().min(3, { message: 'is required' }).max(1000) })
  .strict();
export const completeHandoffSchema = z
  .object({
    summary: z
      .string()
      .trim()
      .min(3, { message: 'is required: what did you find or answer?' })
      .max(4000),
  })
  .strict();
export const handoffListQuerySchema = z
  .object({
    view: z
      .enum(['queue', 'mine', 'requested'], { message: 'must be queue, mine or requested' })
      .default('queue'),
    teamId: uuidSchema.optional(),
    status: z.enum(HANDOFF_STATUSES).optional(),
  })
  .strict();

export interface HandoffDto {
  id: string;
  conversationId: string;
  /** Enough of the conversation to list the handoff, also for those who may not open it yet. */
  conversation: {
    contactName: string;
    subject: string | null;
    /** Where the customer last wrote from: the channel the lead came through. */
    channel: ChannelRefDto | null;
  };
  kind: HandoffKind;
  /** Carries a sales lead; `note` is its qualification. */
  lead: boolean;
  status: HandoffStatus;
  /** The requester's summary, pinned for everyone who joins. */
  note: string;
  team: { id: string; name: string } | null;
  /** The person asked for, or the one who accepted. */
  assignee: UserRefDto | null;
  requestedBy: UserRefDto;
  declineReason: string | null;
  /** The specialist's answer summary on completion. */
  summary: string | null;
  acceptDueAt: string | null;
  answerDueAt: string | null;
  breached: boolean;
  createdAt: string;
  acceptedAt: string | null;
  completedAt: string | null;
}

export interface ParticipantDto {
  user: UserRefDto;
  /** Why they are in: an accepted consult or a mention. */
  via: 'consult' | 'mention' | 'owner';
  /** When their access ends; null while their consult is open or for good. */
  expiresAt: string | null;
  /** Their access ends with their consult (plus the team's grace period) unless the owner keeps them in. */
  untilConsultEnds: boolean;
}

export interface HandoffEventPayload {
  conversationId: string;
  handoff: HandoffDto;
}

export const NOTIFICATION_KINDS = [
  'mention',
  'team_mention',
  'handoff.requested',
  'handoff.accepted',
  'handoff.declined',
  'handoff.completed',
  'handoff.escalated',
  /** A supervisor reminds you of a consult or transfer you hold or your team was asked. */
  'handoff.nudged',
  /** A conversation you own, or one of the teams you oversee, is at risk of or in breach of an SLA target. */
  'sla.at_risk',
  'sla.breached',
  /** A conversation was given to you: automatic assignment or a supervisor's forced transfer. */
  'conversation.assigned',
  /** A colleague pulled in drafted a reply for the conversation you own; it waits for you to send it. */
  'suggestion.waiting',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationDto {
  id: string;
  kind: NotificationKind;
  conversationId: string | null;
  handoffId: string | null;
  actor: UserRefDto | null;
  /** The handoff it is about: consult or transfer, and the team asked (null: a person was asked). */
  handoff: { kind: HandoffKind; team: { id: string; name: string } | null } | null;
  /** Who the conversation is with, to recognise it in the list. */
  contactName: string | null;
  /** Excerpt: the note that mentioned you, the consult summary, the answer summary. */
  text: string;
  readAt: string | null;
  createdAt: string;
}

export interface NotificationListDto {
  items: NotificationDto[];
  unreadCount: number;
}
