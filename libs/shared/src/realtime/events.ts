import type {
  ConversationSummaryDto,
  MessageDto,
  UserRefDto,
} from '../schemas/conversation.schema';
import type { HandoffEventPayload, NotificationDto } from '../schemas/handoff.schema';
import type { ConversationTypingPayload } from './conversation-typing';

/** Names of the events the server pushes on the default socket.io namespace. */
export const REALTIME_EVENTS = {
  messageCreated: 'message.created',
  messageUpdated: 'message.updated',
  conversationUpdated: 'conversation.updated',
  handoffCreated: 'handoff.created',
  handoffUpdated: 'handoff.updated',
  queueUpdated: 'queue.updated',
  presenceUpdated: 'presence.updated',
  conversationTyping: 'conversation.typing',
  notificationCreated: 'notification.created',
  conversationViewers: 'conversation.viewers',
  conversationAccessEnded: 'conversation.access_ended',
} as const;
export type RealtimeEventName = (typeof REALTIME_EVENTS)[keyof typeof REALTIME_EVENTS];

/**
 * A staff member's effective presence: `offline` with no open tab; `away` when they chose it or
 * every open tab has been idle for a while; `online` otherwise.
 */
export const PRESENCE_STATUSES = ['online', 'away', 'offline'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];

/** What a signed-in staff member may choose; offline only follows from closing every tab. */
export const CHOSEN_PRESENCE_STATUSES = ['online', 'away'] as const;
export type ChosenPresenceStatus = (typeof CHOSEN_PRESENCE_STATUSES)[number];

/**
 * Sent to everyone once per change of a user's presence (whichever api process sees it), and to a
 * socket alone right after it joined, with its own user's presence as it stands.
 */
export interface PresenceUpdatedPayload {
  userId: string;
  status: PresenceStatus;
  /** Away because every open tab has been idle, not by choice: input anywhere brings them back. */
  idle?: boolean;
  /** When the presence took this value (orders updates that cross on the way). */
  at: string;
}

export interface MessageEventPayload {
  conversationId: string;
  seq: number;
  message: MessageDto;
}

export interface ConversationUpdatedPayload {
  conversationId: string;
  seq: number;
  conversation: ConversationSummaryDto;
}

export interface QueueUpdatedPayload {
  teamId: string;
  /** Conversations of the team waiting for an owner. */
  unassigned: number;
}

/**
 * Who has a conversation open (room `conversation:<id>`), sent to that room whenever someone opens
 * or leaves it; one entry per person however many tabs they have.
 */
export interface ConversationViewersPayload {
  conversationId: string;
  viewers: UserRefDto[];
}

/**
 * To the user's room only: their access to a conversation ended (grace period over, removed by the
 * owner). Their sockets have left its room; the conversation is no longer theirs to show.
 */
export interface ConversationAccessEndedPayload {
  conversationId: string;
}

/** Sent by the server right after a socket is authenticated. */
export const REALTIME_READY = 'session.ready';
export interface SessionReadyPayload {
  userId: string;
  rooms: string[];
}

/**
 * Sent to a socket right before the server disconnects it because its session ended: the access
 * token expired (`token_expired`: refresh and reconnect), or every session of the user was ended
 * (the rest: the refresh token may be revoked too, so refreshing decides whether to sign in again).
 */
export const REALTIME_SESSION_ENDED = 'session.ended';
export const SESSION_END_REASONS = [
  'token_expired',
  'password_changed',
  'role_changed',
  'signed_out_everywhere',
  'deactivated',
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];
export interface SessionEndedPayload {
  reason: SessionEndReason;
}

/** Payload types by event name; events of later features add their entries here. */
export interface RealtimeEventMap {
  'message.created': MessageEventPayload;
  'message.updated': MessageEventPayload;
  'conversation.updated': ConversationUpdatedPayload;
  'handoff.created': HandoffEventPayload;
  'handoff.updated': HandoffEventPayload;
  /** To the user's room only. */
  'notification.created': { notification: NotificationDto };
  'queue.updated': QueueUpdatedPayload;
  'presence.updated': PresenceUpdatedPayload;
  'conversation.typing': ConversationTypingPayload;
  'conversation.viewers': ConversationViewersPayload;
  'conversation.access_ended': ConversationAccessEndedPayload;
  'session.ready': SessionReadyPayload;
  'session.ended': SessionEndedPayload;
}

/** Rooms a socket can be in; names are built only here. */
export const rooms = {
  user: (id: string) => `user:${id}`,
  team: (id: string) => `team:${id}`,
  conversation: (id: string) => `conversation:${id}`,
  supervisors: () => 'supervisors',
} as const;

/** Reason given to a client whose handshake is refused. */
export const REALTIME_UNAUTHORIZED = 'unauthorized';

/**
 * Client → server: open a conversation, i.e. join its room (answer: `{ ok, error?, viewers? }` with
 * who has it open now); refused without access. Leaving (or disconnecting) closes it.
 */
export const REALTIME_JOIN_CONVERSATION = 'conversation.join';
export const REALTIME_LEAVE_CONVERSATION = 'conversation.leave';

/**
 * Client → server: the user chooses `online` or `away` (answer: {@link PresenceSetAnswer}). The
 * choice stays until they choose again, across reloads and reconnects.
 */
export const REALTIME_SET_PRESENCE = 'presence.set';
export interface PresenceSetAnswer {
  ok: boolean;
  error?: string;
  /** The user's presence after the choice. */
  presence?: PresenceUpdatedPayload;
}

/**
 * Client → server: this tab had no input for a while (`idle: true`) or has input again. The user is
 * away by inactivity only while all their tabs are idle. A reconnecting tab says it in its handshake
 * (`auth.idle`), so it does not flash online.
 */
export const REALTIME_PRESENCE_ACTIVITY = 'presence.activity';
