import { z } from 'zod';
import {
  CHANNEL_KINDS,
  CONVERSATION_PRIORITIES,
  CONVERSATION_STATUSES,
  CONVERSATION_VIEWS,
  MESSAGE_BODY_MAX_LENGTH,
  type ChannelKind,
  type ConversationPriority,
  type ConversationStatus,
  type DeliveryStatus,
  type IdentityKind,
  CALL_DIRECTIONS,
  CALL_OUTCOMES,
  type CallDirection,
  type CallOutcome,
  type MessageType,
  type TimelineEventKind,
} from '../constants/channels';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX, PG_INT_MAX } from '../constants/limits';
import { COMPOSER_ATTACHMENTS_MAX_COUNT } from '../composer-attachments';
import { messageTemplateSchema, type ChannelRefDto, type MessageTemplate } from './channel.schema';
import { uuidSchema, wholeNumberSchema } from './common.schema';
import type {
  ConsentDto,
  ContactAttributes,
  ContactMergeDto,
  PreferredChannel,
  QuietHours,
} from './contact.schema';
import type { HandoffKind, HandoffStatus } from './handoff.schema';
import type { MarketingHoldDto } from './marketing.schema';
import type { ConversationSlaDto } from './sla.schema';

export const conversationListQuerySchema = z
  .object({
    view: z
      .enum(CONVERSATION_VIEWS, { message: `must be one of ${CONVERSATION_VIEWS.join(', ')}` })
      .default('mine'),
    teamId: uuidSchema.optional(),
    status: z
      .enum(CONVERSATION_STATUSES, {
        message: `must be one of ${CONVERSATION_STATUSES.join(', ')}`,
      })
      .optional(),
    channel: z
      .enum(CHANNEL_KINDS, { message: `must be one of ${CHANNEL_KINDS.join(', ')}` })
      .optional(),
    /** Only conversations carrying this label. */
    labelId: uuidSchema.optional(),
    q: z.string().trim().max(200).optional(),
    cursor: z.string().max(200).optional(),
    limit: wholeNumberSchema(1, PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
  })
  .strict();
export type ConversationListQuery = z.input<typeof conversationListQuerySchema>;
export type ConversationListParams = z.output<typeof conversationListQuerySchema>;

/**
 * A page of the timeline: forward from `after` (catching up), or, with `before`, the newest `limit`
 * entries below it (opening a long thread at its end: `before` = the conversation's `lastSeq` + 1,
 * then older pages with the first seq seen).
 */
export const timelineQuerySchema = z
  .object({
    after: wholeNumberSchema(0).default(0),
    before: wholeNumberSchema(1).optional(),
    limit: wholeNumberSchema(1, 500).default(200),
  })
  .strict()
  .refine((q) => q.before === undefined || q.after === 0, {
    path: ['before'],
    message: 'cannot be combined with after',
    params: { reason: 'exclusive' },
  });
export type TimelineQuery = z.input<typeof timelineQuerySchema>;
export type TimelineParams = z.output<typeof timelineQuerySchema>;

/** WhatsApp refuses template values with line breaks, tabs or more than four spaces in a row. */
const TEMPLATE_VALUE_FORBIDDEN = /[\n\r\t]| {5}/;

/**
 * An approved template to send instead of free text (WhatsApp, also outside the 24-hour window):
 * one of the channel's templates by name and language, and the values of its `{{1}}`, `{{2}}`...
 */
export const templateReplySchema = z
  .object({
    name: messageTemplateSchema.shape.name,
    language: messageTemplateSchema.shape.language,
    variables: z
      .array(
        z
          .string({ message: 'must be texts' })
          .trim()
          .min(1, { message: 'must be filled in' })
          .max(1000, { message: 'must be at most 1000 characters' })
          .refine((v) => !TEMPLATE_VALUE_FORBIDDEN.test(v), {
            message: 'may not contain line breaks, tabs or more than four spaces in a row',
          }),
        { message: 'must be a list of texts' },
      )
      .max(100, { message: 'must be at most 100 values' })
      .default([]),
  })
  .strict();
export type TemplateReplyRequest = z.input<typeof templateReplySchema>;

export const sendMessageSchema = z
  .object({
    /** `suggestion`: a participant's draft reply, stored as an internal note the owner can send with one click. */
    type: z.enum(['reply', 'note', 'suggestion'], { message: 'must be reply, note or suggestion' }),
    /** Required unless a template is sent: then the reply's text is the template filled in. */
    body: z
      .string()
      .trim()
      .min(1, { message: 'is required' })
      .max(MESSAGE_BODY_MAX_LENGTH, {
        message: `must be at most ${MESSAGE_BODY_MAX_LENGTH} characters`,
      })
      .optional(),
    /** A reply only: an approved template of the channel, which WhatsApp takes at any time. */
    template: templateReplySchema.optional(),
    channelId: uuidSchema.optional(),
    clientMessageId: uuidSchema,
    /** A reply only: files uploaded for it (`POST /api/conversations/:id/uploads`), in this order. */
    attachmentIds: z
      .array(uuidSchema)
      .max(COMPOSER_ATTACHMENTS_MAX_COUNT, {
        message: `must be at most ${COMPOSER_ATTACHMENTS_MAX_COUNT} files`,
      })
      .optional(),
    /**
     * The last timeline seq the writer saw. If a colleague answered the customer after it, the reply is
     * refused with 409 `messages.replied_meanwhile` unless `force` is set: the writer is warned first.
     */
    lastSeenSeq: z.number().int().min(0).max(PG_INT_MAX).optional(),
    force: z.boolean().optional(),
  })
  .strict()
  .refine((v) => v.body !== undefined || v.template !== undefined || !!v.attachmentIds?.length, {
    message: 'is required',
    path: ['body'],
  })
  .refine((v) => v.template === undefined || v.type === 'reply', {
    message: 'can only be sent as a reply',
    path: ['template'],
  })
  .refine((v) => !v.attachmentIds?.length || v.type === 'reply', {
    message: 'can only be sent with a reply',
    path: ['attachmentIds'],
  });
export type SendMessageRequest = z.input<typeof sendMessageSchema>;

export const updateConversationSchema = z
  .object({
    status: z.enum(CONVERSATION_STATUSES, {
      message: `must be one of ${CONVERSATION_STATUSES.join(', ')}`,
    }),
    priority: z.enum(CONVERSATION_PRIORITIES, {
      message: `must be one of ${CONVERSATION_PRIORITIES.join(', ')}`,
    }),
    /** When a snoozed conversation opens again by itself; null: until someone opens it. */
    snoozedUntil: z.iso
      .datetime({ message: 'must be an ISO date-time' })
      .refine((v) => Date.parse(v) > Date.now(), { message: 'must be in the future' })
      .nullable(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateConversationRequest = z.input<typeof updateConversationSchema>;

export interface UserRefDto {
  id: string;
  name: string;
}

export interface ContactRefDto {
  id: string;
  name: string;
  /** Set on conversation summaries, so a changed preference reaches open threads live. */
  preferredChannel?: PreferredChannel | null;
}

export interface ConversationSummaryDto {
  id: string;
  contact: ContactRefDto;
  subject: string | null;
  status: ConversationStatus;
  priority: ConversationPriority;
  owner: UserRefDto | null;
  team: { id: string; name: string } | null;
  /** Every channel kind the thread has messages of, first used first. */
  channelKinds: ChannelKind[];
  /** Channel of the customer's latest message (where replies go by default). */
  lastInboundChannel: ChannelRefDto | null;
  preview: { text: string; type: MessageType; at: string } | null;
  lastActivityAt: string;
  unreadCount: number;
  /** Highest seq of the timeline. */
  lastSeq: number;
  createdAt: string;
  /** Its most urgent running SLA target; null when no target runs. */
  sla: ConversationSlaDto | null;
  /** Set once it was merged into another conversation (its thread lives there now). */
  mergedIntoId?: string | null;
  /**
   * Counts renumberings of its timeline (merges, splits): a thread cached under another epoch is
   * read anew, since its seqs no longer mean the same entries.
   */
  timelineEpoch?: number;
  /** When it was marked as a sales lead; null: not a lead. */
  leadAt: string | null;
  /** Its labels (ids of workspace labels, see `/api/labels`), first added first. */
  labelIds: string[];
}

export interface ConversationListDto {
  items: ConversationSummaryDto[];
  /** Pass as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
}

/** Counts per view for the navigation; `teams` has the unresolved conversations of each of the user's teams. */
export type ConversationCountsDto = Record<
  'mine' | 'unassigned' | 'team' | 'participating' | 'all',
  number
> & {
  teams: Record<string, number>;
};

export interface AttachmentDto {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  /** Authenticated download URL. */
  url: string;
  inline: boolean;
}

export interface MessageAuthorDto {
  type: 'contact' | 'user' | 'system';
  id: string | null;
  name: string;
}

export interface MessageDto {
  id: string;
  conversationId: string;
  seq: number;
  type: MessageType;
  channel: ChannelRefDto | null;
  author: MessageAuthorDto;
  subject: string | null;
  text: string;
  /** Sanitised HTML without the quoted history, when the message had HTML. */
  html: string | null;
  /** Quoted history (previous messages the sender's client appended), collapsed in display. */
  quoted: string | null;
  attachments: AttachmentDto[];
  deliveryStatus: DeliveryStatus | null;
  deliveryError: string | null;
  clientMessageId: string | null;
  /** The customer's text had characters that cannot be stored or shown (NUL, broken UTF-16): they were replaced by U+FFFD. */
  charactersReplaced: boolean;
  /** Attachments the customer's system named but that were not fetched: `name: why` each. */
  droppedAttachments: string[];
  /** Set on suggested replies (internal notes meant to be sent by the owner). */
  suggestion: { status: 'open' | 'sent'; sentMessageId: string | null } | null;
  /** Set on calls (`type: 'call'`); `text` holds the voicemail transcript or the agent's note. */
  call: CallDetailsDto | null;
  createdAt: string;
}

export interface CallDetailsDto {
  direction: CallDirection;
  outcome: CallOutcome;
  /** When the call began (ISO), if known. */
  startedAt: string | null;
  /** Talk time; 0 for a call nobody answered. */
  durationSeconds: number;
  /** The numbers as the provider reported them. */
  from: string | null;
  to: string | null;
  /** A link to the recording at the provider (or the voicemail), if there is one. */
  recordingUrl: string | null;
}

const callFields = {
  direction: z.enum(CALL_DIRECTIONS, { message: `must be one of ${CALL_DIRECTIONS.join(', ')}` }),
  outcome: z.enum(CALL_OUTCOMES, { message: `must be one of ${CALL_OUTCOMES.join(', ')}` }),
  startedAt: z.iso.datetime({ offset: true, message: 'must be an ISO date and time' }).optional(),
  durationSeconds: z
    .number()
    .int({ message: 'must be a whole number of seconds' })
    .min(0)
    .max(24 * 3600)
    .optional(),
};

/** A link shown to agents: web addresses only. */
export const recordingUrlSchema = z
  .url({ message: 'must be a URL' })
  .max(2000)
  .refine((u) => /^https?:\/\//i.test(u), { message: 'must be an http or https address' });

/** `POST /api/conversations/:id/calls`: an agent logs a call they had with the customer. */
export const logCallSchema = z
  .object({
    ...callFields,
    note: z.string().max(MESSAGE_BODY_MAX_LENGTH).default(''),
    /** Made by the client once per call logged: a repeated request logs it once. */
    clientMessageId: uuidSchema,
  })
  .strict();
export type LogCallRequest = z.input<typeof logCallSchema>;

/** `POST /api/messages/:id/send-suggestion`: the owner sends a suggested reply as is, or edited. */
export const sendSuggestionSchema = z
  .object({
    body: z
      .string()
      .trim()
      .min(1, { message: 'is required' })
      .max(MESSAGE_BODY_MAX_LENGTH)
      .optional(),
    channelId: uuidSchema.optional(),
    clientMessageId: uuidSchema,
  })
  .strict();
export type SendSuggestionRequest = z.input<typeof sendSuggestionSchema>;

export interface TimelineEventDto {
  id: string;
  conversationId: string;
  seq: number;
  kind: TimelineEventKind;
  actor: UserRefDto | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export type TimelineEntryDto =
  | { type: 'message'; seq: number; message: MessageDto }
  | { type: 'event'; seq: number; event: TimelineEventDto };

export interface TimelineDto {
  entries: TimelineEntryDto[];
  /** Highest seq included; pass as `after` to continue. */
  lastSeq: number;
  /** Forward (`after`): newer entries follow. Backward (`before`): older entries precede. */
  hasMore: boolean;
  /** The conversation's timeline epoch the page was read in (see ConversationSummaryDto). */
  epoch?: number;
}

export interface ConversationDto extends ConversationSummaryDto {
  contactDetails: ContactDto;
  /**
   * Whether the requesting user may answer the customer: the owner, supervisors and admins, anyone
   * while it is unowned, and specialists of an accepted consult whose team allows it.
   */
  mayReply: boolean;
}

export interface IdentityDto {
  id: string;
  kind: IdentityKind;
  address: string;
  verified: boolean;
}

export interface ContactDto {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** How the contact prefers to be reached: a channel kind, `phone` for a call; null: no preference. */
  preferredChannel: PreferredChannel | null;
  identities: IdentityDto[];
  company: string | null;
  /** Language code the contact is answered in (de, en-GB); null: unknown. */
  language: string | null;
  quietHours: QuietHours | null;
  attributes: ContactAttributes;
  /** The latest consent per purpose and channel. */
  consents: ConsentDto[];
  /** Merges into this contact that can be undone, newest first. */
  merges: ContactMergeDto[];
  /** The contact's conversations the user may open, newest first, each with its story. */
  conversations: ContactConversationDto[];
  /** While a support conversation of the contact is unresolved, marketing leaves them alone. */
  marketingHold: MarketingHoldDto | null;
  createdAt: string;
  updatedAt: string;
  /** Set once the contact's personal data was erased (GDPR): the contact stays, nameless. */
  erasedAt?: string;
}

/** One conversation in a contact's story: where it came in, who has it, whom it pulled in. */
export interface ContactConversationDto {
  id: string;
  status: ConversationStatus;
  subject: string | null;
  /** The latest message's start (what a chat, which has no subject, is about at a glance). */
  preview: string | null;
  lastActivityAt: string;
  createdAt: string;
  /** Channel kinds its messages came through, first one first. */
  channels: ChannelKind[];
  team: { id: string; name: string } | null;
  owner: UserRefDto | null;
  /** Consults and transfers, with their outcome. */
  handoffs: {
    id: string;
    kind: HandoffKind;
    status: HandoffStatus;
    team: { id: string; name: string } | null;
    assignee: UserRefDto | null;
    note: string;
    /** The specialist's answer summary, or why it was declined. */
    outcome: string | null;
    createdAt: string;
  }[];
}

/** A channel a reply can go through, for the composer's channel picker. */
export interface ReplyChannelOptionDto {
  channel: ChannelRefDto;
  /** The contact's address on it (email, phone, ...). */
  address: string;
  /**
   * Preselected: a channel of the contact's preferred kind if there is one (those come first), else
   * the channel of the customer's latest message.
   */
  isDefault: boolean;
  /**
   * Set for channels whose provider limits free replies to a window after the customer's last
   * message (WhatsApp: 24 hours); while it is closed, only `templates` may be sent.
   */
  window?: { open: boolean; closesAt: string | null };
  /** The channel's approved templates (WhatsApp). */
  templates?: MessageTemplate[];
}
