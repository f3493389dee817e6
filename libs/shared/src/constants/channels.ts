/** Providers a channel can be of. A channel is one configured account of a provider. */
export const CHANNEL_KINDS = [
  'email',
  'form',
  'webchat',
  'api',
  'twilio',
  'whatsapp',
  'messenger',
  'instagram',
  'telegram',
] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Kinds of customer address; an identity (kind, address) belongs to one contact. */
export const IDENTITY_KINDS = [
  'email',
  'phone',
  'whatsapp',
  'messenger',
  'instagram',
  'telegram',
  'webchat',
  'api',
] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
/** Statuses in which a conversation still collects the contact's new messages. */
export const ACTIVE_CONVERSATION_STATUSES: readonly ConversationStatus[] = [
  'open',
  'pending',
  'snoozed',
];

export const CONVERSATION_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type ConversationPriority = (typeof CONVERSATION_PRIORITIES)[number];

/** `call`: a phone call with the customer, reported by a provider or logged by an agent. */
export const MESSAGE_TYPES = ['inbound', 'outbound', 'note', 'call'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];
/** How a call ended: `voicemail` is a missed inbound call that left a message. */
export const CALL_OUTCOMES = ['answered', 'missed', 'voicemail', 'busy', 'failed'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** Where a reply is on its way, in order; `failed` ends it. Providers report up to `read`. */
export const DELIVERY_STATUSES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'failed',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const CONVERSATION_VIEWS = ['mine', 'unassigned', 'team', 'participating', 'all'] as const;
export type ConversationView = (typeof CONVERSATION_VIEWS)[number];

export const TIMELINE_EVENT_KINDS = [
  'conversation.opened',
  'conversation.reopened',
  'conversation.assigned',
  'conversation.status_changed',
  /** A snoozed conversation reached its time and is open again. */
  'conversation.woke_up',
  'conversation.priority_changed',
  'conversation.channel_switched',
  'handoff.requested',
  'handoff.accepted',
  'handoff.declined',
  'handoff.completed',
  'handoff.cancelled',
  'handoff.escalated',
  /** Still waiting when the conversation was resolved. */
  'handoff.expired',
  /** A supervisor reminded whoever holds it. */
  'handoff.nudged',
  /** A conversation used up AT_RISK_SHARE of an SLA target, or all of it. */
  'sla.at_risk',
  'sla.breached',
  /** The owner kept a specialist in after their consult (no expiry), or removed someone. */
  'participant.kept',
  'participant.removed',
  /** Marked as a sales lead: `{ handoffId, kind, note, team }`. */
  'conversation.marked_lead',
  /** Another conversation of the contact was merged in: `{ mergeId, source: { id, subject }, undoneAt? }`. */
  'conversation.merged',
  /** This conversation went into another: `{ mergeId, target: { id, subject } }`. */
  'conversation.merged_into',
  /** A merge was undone: `{ mergeId, source, target }`, in both conversations. */
  'conversation.unmerged',
  /** Later entries moved into a new conversation: `{ conversation: { id }, messageId, team, note }`. */
  'conversation.split',
  /** Started by a split of another conversation: `{ conversation: { id, subject }, note }`. */
  'conversation.split_from',
  /** A label was added or removed: `{ label: { id, name, color } }`. */
  'conversation.labeled',
  'conversation.unlabeled',
] as const;
export type TimelineEventKind = (typeof TIMELINE_EVENT_KINDS)[number];

export const INBOUND_EVENT_STATUSES = ['pending', 'processed', 'ignored', 'failed'] as const;
export type InboundEventStatus = (typeof INBOUND_EVENT_STATUSES)[number];

/** Largest attachment accepted on any channel, and largest sum per message. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const MESSAGE_ATTACHMENTS_MAX_BYTES = 25 * 1024 * 1024;
export const MESSAGE_BODY_MAX_LENGTH = 20_000;
