import { Logger, UseInterceptors, type OnApplicationShutdown } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import {
  SEES_ALL_ROLES,
  REALTIME_EVENTS,
  REALTIME_JOIN_CONVERSATION,
  REALTIME_LEAVE_CONVERSATION,
  REALTIME_PRESENCE_ACTIVITY,
  REALTIME_READY,
  REALTIME_SET_PRESENCE,
  REALTIME_SESSION_ENDED,
  REALTIME_UNAUTHORIZED,
  conversationRoomRequestSchema,
  conversationTypingRequestSchema,
  presenceActivityRequestSchema,
  presenceSetRequestSchema,
  rooms,
  socketPayloadError,
  type ConversationTypingPayload,
  type ConversationViewersPayload,
  type PresenceSetAnswer,
  type PresenceUpdatedPayload,
  type SessionEndedPayload,
  type SessionReadyPayload,
  type UserRefDto,
} from '@touchpoint/shared';
import type { Server, Socket } from 'socket.io';
import type { AuthUser } from '../../core/auth/auth-user';
import { bearerToken, PrincipalService } from '../../core/auth/principal.service';
import { ConversationAccess } from '../conversations/conversation-access.service';
import { DomainEvents, EventBatch } from '../../core/events/domain-events';
import {
  PresenceService,
  type PresenceOutcome,
  type PresenceSocket,
} from '../../core/realtime/presence.service';
import { SocketAckInterceptor } from '../../core/realtime/socket-ack.interceptor';

type StaffSocket = Socket & {
  data: {
    user: AuthUser;
    /** When the handshake's access token expires (epoch ms): the socket ends then. */
    expiresAt: number;
    sessionVersion: number;
    /** Whether this socket was counted in the user's presence. */
    counted?: boolean;
    /** The tab had no input for a while (from the handshake, then `presence.activity`). */
    idle?: boolean;
    viewing?: string[];
  };
};

/**
 * The agents' socket (default namespace). The handshake must carry a valid access token
 * (`auth.token` or an Authorization header); the socket then joins its user, team and role rooms.
 * Rooms are the only way events reach people: listeners pick a room, never a socket.
 */
/** `rooms.conversation(id)`, read back. */
const CONVERSATION_ROOM = /^conversation:([0-9a-f-]{36})$/;

@WebSocketGateway({ cors: { origin: false } })
@UseInterceptors(SocketAckInterceptor)
export class RealtimeGateway
  implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnApplicationShutdown
{
  private readonly logger = new Logger('Realtime');
  /** Vouches for this process's sockets in the shared presence, and looks for expired ones. */
  private heartbeat?: NodeJS.Timeout;
  /** A beat still waiting for a slow Redis: the next one skips rather than piles up. */
  private beating = false;
  /** Per socket of this process: ends it when its token expires. Sockets never move between processes. */
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();
  private readonly pendingViewerRefreshes = new Set<string>();

  @WebSocketServer()
  server: Server;

  constructor(
    private readonly principals: PrincipalService,
    private readonly presence: PresenceService,
    private readonly access: ConversationAccess,
    private readonly events: DomainEvents,
  ) {}

  afterInit(server: Server): void {
    server.use((socket, next) => {
      const token =
        (typeof socket.handshake.auth?.token === 'string'
          ? socket.handshake.auth.token
          : undefined) ?? bearerToken(socket.handshake.headers.authorization);
      this.principals
        .authenticate(token)
        .then(({ user, expiresAt, sessionVersion }) => {
          Object.assign((socket as StaffSocket).data, { user, expiresAt, sessionVersion });
          next();
        })
        .catch(() => next(new Error(REALTIME_UNAUTHORIZED)));
    });
    // Whenever a socket leaves a conversation's room, however it happens (it left, closed, or lost
    // access on any process: removal, grace over, a colleague took it), its viewers hear who is left.
    // Only the process that held the socket sees its leave-room, so one process announces.
    server.of('/').adapter.on('leave-room', (room: string) => {
      const id = CONVERSATION_ROOM.exec(room)?.[1];
      if (id) this.refreshViewers(id);
    });
    // One beat per process for all its sockets, three per TTL: one lost beat costs nobody presence.
    this.heartbeat = setInterval(() => void this.beat(), this.presence.ttlMs / 3);
    this.heartbeat.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    // Sockets close with the server, whether or not their disconnect handling runs.
    this.expiryTimers.forEach((timer) => clearTimeout(timer));
    this.expiryTimers.clear();
  }

  async handleConnection(socket: StaffSocket): Promise<void> {
    const user = socket.data.user;
    if (!user) return void socket.disconnect(true);
    // A tab that reconnects while idle says so, so that its user does not flash online.
    socket.data.idle = socket.handshake.auth?.idle === true;
    this.endAtExpiry(socket);
    const teamIds = await this.access.teamIdsOf(user.id);
    const joined = [rooms.user(user.id), ...teamIds.map((id) => rooms.team(id))];
    if (SEES_ALL_ROLES.includes(user.role)) joined.push(rooms.supervisors());
    await socket.join(joined);
    // Sessions ended between the handshake and joining the user's room missed this socket: look again.
    if (!(await this.principals.stillCurrent(user.id, socket.data.sessionVersion))) {
      return void socket.disconnect(true);
    }
    const ready: SessionReadyPayload = { userId: user.id, rooms: joined };
    socket.emit(REALTIME_READY, ready);
    // Counted before asking Redis, so a disconnect from now on removes its entry again; activity
    // reported until here is in `idle`, later reports reach Redis after this.
    socket.data.counted = true;
    const outcome = await this.presence.connected(this.presenceSocket(socket));
    // The new tab learns its user's presence: with everyone on a change, else on its own.
    if (outcome.changed) this.announce(outcome);
    else socket.emit(REALTIME_EVENTS.presenceUpdated, outcome.presence);
  }

  async handleDisconnect(socket: StaffSocket): Promise<void> {
    clearTimeout(this.expiryTimers.get(socket.id));
    this.expiryTimers.delete(socket.id);
    const user = socket.data.user;
    if (!user) return;
    if (!socket.data.counted) return;
    try {
      this.announce(await this.presence.disconnected(this.presenceSocket(socket)));
    } catch (err) {
      this.logger.warn(`Presence update failed for ${user.id}: ${(err as Error).message}`);
    }
  }

  /**
   * Refreshes this process's sockets; counts again those whose entry was gone (this process stalled
   * past the TTL, or Redis lost its data); announces whose presence changed because their sockets
   * expired, such as the users of a process that crashed (offline, or away when the tabs left are
   * idle).
   */
  private async beat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      const local = [...this.server.sockets.sockets.values()] as StaffSocket[];
      const counted = local.filter((s) => s.data.counted).map((s) => this.presenceSocket(s));
      for (const lost of await this.presence.heartbeat(counted)) {
        const socket = this.server.sockets.sockets.get(lost.socketId) as StaffSocket | undefined;
        if (!socket) continue;
        this.announce(await this.presence.connected(this.presenceSocket(socket)));
      }
      for (const presence of await this.presence.reap()) this.emitPresence(presence);
    } catch (err) {
      this.logger.warn(`Presence heartbeat failed: ${(err as Error).message}`);
    } finally {
      this.beating = false;
    }
  }

  /**
   * A socket lives no longer than the access token it was opened with: at expiry it is told why and
   * disconnected; the client refreshes its token and reconnects.
   */
  private endAtExpiry(socket: StaffSocket): void {
    const end = () => {
      this.expiryTimers.delete(socket.id);
      const payload: SessionEndedPayload = { reason: 'token_expired' };
      socket.emit(REALTIME_SESSION_ENDED, payload);
      socket.disconnect(true);
    };
    const remaining = socket.data.expiresAt - Date.now();
    if (remaining <= 0) return end();
    // Timers hold at most ~24.8 days; a token that lives longer than that ends its socket then.
    this.expiryTimers.set(socket.id, setTimeout(end, Math.min(remaining, 2 ** 31 - 1)));
  }

  private presenceSocket(socket: StaffSocket): PresenceSocket {
    return { userId: socket.data.user.id, socketId: socket.id, idle: socket.data.idle === true };
  }

  /**
   * The user chooses online or away; away stays (across reloads, reconnects and input) until they
   * choose online. Answers with their presence after the choice.
   */
  @SubscribeMessage(REALTIME_SET_PRESENCE)
  async setPresence(
    @ConnectedSocket() socket: StaffSocket,
    @MessageBody() body: unknown,
  ): Promise<PresenceSetAnswer> {
    const parsed = presenceSetRequestSchema.safeParse(body);
    if (!parsed.success) return { ok: false, error: socketPayloadError(parsed.error) };
    const outcome = await this.presence.choose(socket.data.user.id, parsed.data.status);
    this.announce(outcome);
    return { ok: true, presence: outcome.presence };
  }

  /**
   * The socket's tab became idle or has input again. The user is away by inactivity once all their
   * tabs are idle, so this is kept per socket and the user's presence follows from all of them.
   */
  @SubscribeMessage(REALTIME_PRESENCE_ACTIVITY)
  async activity(
    @ConnectedSocket() socket: StaffSocket,
    @MessageBody() body: unknown,
  ): Promise<{ ok: boolean; error?: string }> {
    const parsed = presenceActivityRequestSchema.safeParse(body);
    if (!parsed.success) return { ok: false, error: socketPayloadError(parsed.error) };
    socket.data.idle = parsed.data.idle;
    // Not counted yet: the connection counts it with this state.
    if (socket.data.counted)
      this.announce(await this.presence.activity(this.presenceSocket(socket)));
    return { ok: true };
  }

  /** Joins the room of a conversation the user may see (to follow one outside their own rooms). */
  @SubscribeMessage(REALTIME_JOIN_CONVERSATION)
  async join(
    @ConnectedSocket() socket: StaffSocket,
    @MessageBody() body: unknown,
  ): Promise<{ ok: boolean; error?: string; viewers?: UserRefDto[] }> {
    const parsed = conversationRoomRequestSchema.safeParse(body);
    if (!parsed.success) return { ok: false, error: socketPayloadError(parsed.error) };
    const id = parsed.data.conversationId;
    if (!(await this.access.canSee(socket.data.user, id))) return { ok: false, error: 'forbidden' };
    await socket.join(rooms.conversation(id));
    socket.data.viewing = [...new Set([...(socket.data.viewing ?? []), id])];
    const viewers = await this.announceViewers(id);
    return { ok: true, viewers };
  }

  @SubscribeMessage(REALTIME_LEAVE_CONVERSATION)
  async leave(
    @ConnectedSocket() socket: StaffSocket,
    @MessageBody() body: unknown,
  ): Promise<{ ok: boolean; error?: string }> {
    const parsed = conversationRoomRequestSchema.safeParse(body);
    if (!parsed.success) return { ok: false, error: socketPayloadError(parsed.error) };
    const id = parsed.data.conversationId;
    if (socket.data.viewing?.includes(id)) {
      await socket.leave(rooms.conversation(id));
      socket.data.viewing = socket.data.viewing.filter((v: string) => v !== id);
    }
    return { ok: true };
  }

  /** Several sockets leaving one room at once (a tab closed, a narrowed room) make one announcement. */
  private refreshViewers(conversationId: string): void {
    if (this.pendingViewerRefreshes.has(conversationId)) return;
    this.pendingViewerRefreshes.add(conversationId);
    setImmediate(() => {
      this.pendingViewerRefreshes.delete(conversationId);
      void this.announceViewers(conversationId);
    });
  }

  /**
   * Who has a conversation open, across all api processes (the room's sockets, through the Redis
   * adapter), sent to its room. Asking the room instead of keeping a list means a crashed process
   * leaves no ghosts behind.
   */
  private async announceViewers(conversationId: string): Promise<UserRefDto[]> {
    const room = rooms.conversation(conversationId);
    try {
      const sockets = await this.server.in(room).fetchSockets();
      const viewers = new Map<string, UserRefDto>();
      for (const s of sockets) {
        const u = (s.data as StaffSocket['data']).user;
        if (u && !viewers.has(u.id)) viewers.set(u.id, { id: u.id, name: u.name });
      }
      const list = [...viewers.values()].sort((a, b) => a.name.localeCompare(b.name));
      const payload: ConversationViewersPayload = { conversationId, viewers: list };
      this.server.to(room).emit(REALTIME_EVENTS.conversationViewers, payload);
      return list;
    } catch (err) {
      this.logger.warn(`Viewers of ${conversationId} not announced: ${(err as Error).message}`);
      return [];
    }
  }

  /**
   * An agent types in a conversation: colleagues in its room see it; for a reply (never a note) the
   * channel may tell the customer (the website chat does).
   */
  @SubscribeMessage(REALTIME_EVENTS.conversationTyping)
  async typing(
    @ConnectedSocket() socket: StaffSocket,
    @MessageBody() body: unknown,
  ): Promise<{ ok: boolean; error?: string }> {
    const parsed = conversationTypingRequestSchema.safeParse(body);
    if (!parsed.success) return { ok: false, error: socketPayloadError(parsed.error) };
    const input = parsed.data;
    const id = input.conversationId;
    const user = socket.data.user;
    if (!(await this.access.canSee(user, id))) return { ok: false, error: 'forbidden' };
    const payload: ConversationTypingPayload = {
      conversationId: id,
      typing: input.typing,
      author: { type: 'user', id: user.id, name: user.name },
    };
    socket.to(rooms.conversation(id)).emit(REALTIME_EVENTS.conversationTyping, payload);
    if (input.kind === 'reply') {
      await this.events.publish(
        EventBatch.of('staff.typing', {
          conversationId: id,
          userId: user.id,
          name: user.name,
          typing: input.typing,
        }),
      );
    }
    return { ok: true };
  }

  /** Only the caller whose change Redis recorded announces it: once, across all processes. */
  private announce({ presence, changed }: PresenceOutcome): void {
    if (changed) this.emitPresence(presence);
  }

  private emitPresence(payload: PresenceUpdatedPayload): void {
    this.server.emit(REALTIME_EVENTS.presenceUpdated, payload);
    void this.events.publish(EventBatch.of('presence.changed', { userId: payload.userId }));
  }
}
