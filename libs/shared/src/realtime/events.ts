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

export type PresenceStatus = 'online' | 'offline';

export interface PresenceUpdatedPayload {
  userId: string;
  status: PresenceStatus;
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
