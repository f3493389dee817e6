import { io } from 'socket.io-client';
import {
  PRESENCE_STATUSES,
  REALTIME_EVENTS,
  REALTIME_JOIN_CONVERSATION,
  REALTIME_LEAVE_CONVERSATION,
  REALTIME_PRESENCE_ACTIVITY,
  REALTIME_READY,
  REALTIME_SESSION_ENDED,
  REALTIME_SET_PRESENCE,
  REALTIME_UNAUTHORIZED,
  SESSION_END_REASONS,
  type ChosenPresenceStatus,
  type PresenceSetAnswer,
  type PresenceUpdatedPayload,
  type RealtimeEventMap,
  type SessionEndReason,
  type UserRefDto,
} from '@touchpoint/shared';
import { http, type HttpClient } from './http';
import { sessionStore, type SessionStore } from '../modules/auth/states/session.store';
import {
  sessionNoticeStore,
  type SessionNoticeStore,
} from '../modules/auth/states/session-notice.store';

export type ConnectionState = 'connected' | 'connecting' | 'disconnected';

/** Arguments come off the wire: listeners check them or rely on the shared contract. */
type Listener = (...args: unknown[]) => void;

/** The part of a socket.io client socket a connection needs; tests hand in a fake. */
export interface RealtimeSocket {
  readonly connected: boolean;
  /** True while socket.io will keep (re)connecting on its own. */
  readonly active: boolean;
  connect(): unknown;
  disconnect(): unknown;
  /** Sends an event to the server; a function as last argument receives the server's answer. */
  emit(event: string, ...args: unknown[]): unknown;
  on(event: string, listener: Listener): unknown;
  off(event: string, listener: Listener): unknown;
}

export interface RealtimeConnectionOptions {
  socket: RealtimeSocket;
  /** Gets a new access token after the server refused ours; false when the session is over. */
  renewAccessToken: () => Promise<boolean>;
  /**
   * The server ended the socket's session and no new token could be had: the user must sign in
   * again, for this reason (`token_expired` when the server gave none).
   */
  onSessionOver?: (reason: SessionEndReason) => void;
  /** How long to wait for the server to answer a request (join, presence); default 5 s. */
  ackTimeoutMs?: number;
}

/** The server's answer to `conversation.join`. */
export interface JoinAnswer {
  ok: boolean;
  error?: string;
  /** Who has the conversation open now, the user included; one entry per person. */
  viewers?: UserRefDto[];
}

/** What the composer is being used for while someone types (the server tells the customer of a reply). */
export type TypingKind = 'reply' | 'note' | 'suggestion';

/** Client → server `conversation.typing`: the user types in a conversation's composer, or stopped. */
export interface TypingSignal {
  conversationId: string;
  typing: boolean;
  kind: TypingKind;
}

const DEFAULT_ACK_TIMEOUT_MS = 5000;

/** `disconnect` reason of a socket the server closed; socket.io does not reconnect it on its own. */
const SERVER_DISCONNECT = 'io server disconnect';

function toSessionEndReason(payload: unknown): SessionEndReason | undefined {
  const reason = (payload as { reason?: unknown } | null)?.reason;
  return SESSION_END_REASONS.find((known) => known === reason);
}

function isUserRef(value: unknown): value is UserRefDto {
  if (typeof value !== 'object' || value === null) return false;
  const { id, name } = value as { id?: unknown; name?: unknown };
  return typeof id === 'string' && typeof name === 'string';
}

function toJoinAnswer(answer: unknown): JoinAnswer {
  if (typeof answer !== 'object' || answer === null) return { ok: false, error: 'invalid answer' };
  const { ok, error, viewers } = answer as { ok?: unknown; error?: unknown; viewers?: unknown };
  const result: JoinAnswer = {
    ok: ok === true,
    error: typeof error === 'string' ? error : undefined,
  };
  // An older server answers without viewers: then nobody is known to be viewing yet.
  if (result.ok && Array.isArray(viewers)) {
    result.viewers = viewers
      .filter(isUserRef)
      .map((viewer) => ({ id: viewer.id, name: viewer.name }));
  }
  return result;
}

function toPresence(value: unknown): PresenceUpdatedPayload | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { userId, status, idle, at } = value as Record<string, unknown>;
  const known = PRESENCE_STATUSES.find((s) => s === status);
  if (typeof userId !== 'string' || !known || typeof at !== 'string') return undefined;
  return { userId, status: known, idle: idle === true, at };
}

function toPresenceAnswer(answer: unknown): PresenceSetAnswer {
  if (typeof answer !== 'object' || answer === null) return { ok: false, error: 'invalid answer' };
  const { ok, error, presence } = answer as { ok?: unknown; error?: unknown; presence?: unknown };
  return {
    ok: ok === true,
    error: typeof error === 'string' ? error : undefined,
    presence: toPresence(presence),
  };
}

/**
 * One socket of a signed-in session, with the state the UI shows ("Live", "Connecting…",
 * "Offline"). A refused handshake (`unauthorized`) renews the token and reconnects once. The
 * server ends a socket when its token expires or the user's sessions were ended (`session.ended`
 * says which): the token is renewed and the socket reconnects, unless the session is over.
 */
export class RealtimeConnection {
  private readonly socket: RealtimeSocket;
  private readonly renewAccessToken: () => Promise<boolean>;
  private readonly onSessionOver: ((reason: SessionEndReason) => void) | undefined;
  private readonly ackTimeoutMs: number;
  private endedBecause: SessionEndReason | undefined;
  private state: ConnectionState = 'disconnected';
  private readonly stateListeners = new Set<() => void>();
  private readonly unbinders = new Set<() => void>();
  private renewedSinceLastConnect = false;
  private closed = false;
  private idle = false;

  constructor(options: RealtimeConnectionOptions) {
    this.socket = options.socket;
    this.renewAccessToken = options.renewAccessToken;
    this.onSessionOver = options.onSessionOver;
    this.ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
    this.listen('connect', this.handleConnect);
    this.listen(REALTIME_READY, this.handleConnect);
    this.listen('disconnect', this.handleDisconnect);
    this.listen('connect_error', this.handleConnectError);
    this.listen(REALTIME_SESSION_ENDED, this.handleSessionEnded);
  }

  open(): void {
    this.closed = false;
    this.setState(this.socket.connected ? 'connected' : 'connecting');
    if (!this.socket.connected) this.socket.connect();
  }

  close(): void {
    this.closed = true;
    this.unbinders.forEach((unbind) => unbind());
    this.unbinders.clear();
    this.socket.disconnect();
    this.setState('disconnected');
  }

  /** Subscribes to a server event; returns the unsubscribe function. */
  on<E extends keyof RealtimeEventMap>(
    event: E,
    handler: (payload: RealtimeEventMap[E]) => void,
  ): () => void {
    // The payload's shape is the contract of libs/shared, which the server's events are typed with.
    return this.listen(event, (payload) => handler(payload as RealtimeEventMap[E]));
  }

  /**
   * Asks the server to send this socket the events of a conversation outside its user's and
   * teams' rooms. Room membership belongs to one socket: join again after every reconnect.
   * Resolves `{ ok: false }` when offline, refused, or unanswered within the timeout.
   */
  joinConversation(conversationId: string): Promise<JoinAnswer> {
    if (!this.socket.connected) return Promise.resolve({ ok: false, error: 'offline' });
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, error: 'timeout' }), this.ackTimeoutMs);
      this.socket.emit(REALTIME_JOIN_CONVERSATION, { conversationId }, (answer: unknown) => {
        clearTimeout(timer);
        resolve(toJoinAnswer(answer));
      });
    });
  }

  /** Stops the events of a joined conversation; nothing to do offline (the server forgot us). */
  leaveConversation(conversationId: string): void {
    if (this.socket.connected) this.socket.emit(REALTIME_LEAVE_CONVERSATION, { conversationId });
  }

  /**
   * Tells the colleagues in a conversation's room that the user types (or stopped). Ephemeral:
   * dropped while offline, as the indicator expires on its own.
   */
  sendTyping(signal: TypingSignal): void {
    if (this.socket.connected) this.socket.emit(REALTIME_EVENTS.conversationTyping, signal);
  }

  /**
   * Chooses the user's status (online or away) for all their tabs. Resolves the server's answer,
   * with the user's presence after the choice; `{ ok: false }` when offline or unanswered in time.
   */
  setPresence(status: ChosenPresenceStatus): Promise<PresenceSetAnswer> {
    if (!this.socket.connected) return Promise.resolve({ ok: false, error: 'offline' });
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, error: 'timeout' }), this.ackTimeoutMs);
      this.socket.emit(REALTIME_SET_PRESENCE, { status }, (answer: unknown) => {
        clearTimeout(timer);
        resolve(toPresenceAnswer(answer));
      });
    });
  }

  /**
   * Whether this tab is idle (no input for a while). Sent when it changes; a reconnect carries it
   * in the handshake instead (see `createRealtimeConnection`), so nothing is queued while offline.
   */
  reportIdle(idle: boolean): void {
    if (idle === this.idle) return;
    this.idle = idle;
    if (this.socket.connected) this.socket.emit(REALTIME_PRESENCE_ACTIVITY, { idle });
  }

  readonly isIdle = (): boolean => this.idle;

  readonly getState = (): ConnectionState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => {
      this.stateListeners.delete(listener);
    };
  };

  private listen(event: string, listener: Listener): () => void {
    this.socket.on(event, listener);
    const unbind = () => {
      this.socket.off(event, listener);
      this.unbinders.delete(unbind);
    };
    this.unbinders.add(unbind);
    return unbind;
  }

  private setState(next: ConnectionState): void {
    if (next === this.state) return;
    this.state = next;
    this.stateListeners.forEach((listener) => listener());
  }

  private readonly handleConnect = (): void => {
    this.renewedSinceLastConnect = false;
    this.setState('connected');
  };

  private readonly handleDisconnect = (reason?: unknown): void => {
    if (this.closed) return;
    if (reason === SERVER_DISCONNECT) return this.resumeEndedSession();
    this.setState(this.socket.active ? 'connecting' : 'disconnected');
  };

  private readonly handleSessionEnded = (payload: unknown): void => {
    this.endedBecause = toSessionEndReason(payload);
  };

  /** The server closed the socket: with a fresh token it goes on, else the session is over. */
  private resumeEndedSession(): void {
    const reason = this.endedBecause ?? 'token_expired';
    this.endedBecause = undefined;
    this.setState('connecting');
    this.renewAccessToken().then(
      (renewed) => {
        // Told even when the session's end closed this connection meanwhile.
        if (!renewed) this.onSessionOver?.(reason);
        if (this.closed) return;
        if (renewed) this.socket.connect();
        else this.setState('disconnected');
      },
      () => {
        if (!this.closed) this.setState('disconnected');
      },
    );
  }

  private readonly handleConnectError = (error: unknown): void => {
    if (this.closed) return;
    const refused = error instanceof Error && error.message === REALTIME_UNAUTHORIZED;
    if (!refused || this.renewedSinceLastConnect) {
      // Server down or still refusing: offline; socket.io keeps retrying if it can.
      this.setState('disconnected');
      return;
    }
    this.renewedSinceLastConnect = true;
    this.setState('connecting');
    this.renewAccessToken().then(
      (renewed) => {
        if (this.closed) return;
        if (renewed) this.socket.connect();
        else this.setState('disconnected');
      },
      () => this.setState('disconnected'),
    );
  };
}

export interface SocketConnectionDeps {
  sessionStore: SessionStore;
  http: HttpClient;
  sessionNotice: SessionNoticeStore;
}

/** Creates the app's connection: socket.io on the page's origin, default namespace. */
export function createRealtimeConnection(
  deps: SocketConnectionDeps = { sessionStore, http, sessionNotice: sessionNoticeStore },
): RealtimeConnection {
  let sentToken: string | undefined;
  const socket = io({
    autoConnect: false,
    transports: ['websocket', 'polling'],
    // A function, so every (re)connect sends the current access token, and whether the tab is idle
    // (a tab reconnecting while idle must not make its user look online).
    auth: (send) => {
      sentToken = deps.sessionStore.get()?.accessToken;
      // Called on connect only, so after `connection` below is set.
      send({ token: sentToken, idle: connection.isIdle() });
    },
  });
  const connection = new RealtimeConnection({
    socket,
    renewAccessToken: async () => (await deps.http.refreshSession(sentToken)) !== null,
    onSessionOver: (reason) => deps.sessionNotice.set(reason),
  });
  return connection;
}
