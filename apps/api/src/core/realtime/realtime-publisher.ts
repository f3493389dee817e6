import { Injectable } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import {
  REALTIME_SESSION_ENDED,
  rooms,
  type RealtimeEventMap,
  type SessionEndReason,
} from '@touchpoint/shared';
import { RedisConnectionFactory } from '../redis/redis-connection.factory';

export const SOCKET_IO_KEY = (prefix: string) => `${prefix}:socket.io`;

/**
 * Emits to socket.io rooms from any process (api or worker) through Redis, where every api process's
 * Redis adapter picks it up. The only way server code talks to sockets.
 */
@Injectable()
export class RealtimePublisher {
  private readonly emitter: Emitter;

  constructor(factory: RedisConnectionFactory) {
    this.emitter = new Emitter(factory.create('pubsub-pub'), {
      key: SOCKET_IO_KEY(factory.prefix),
    });
  }

  /** Staff sockets (default namespace). */
  toStaff<E extends keyof RealtimeEventMap>(
    rooms: string[],
    event: E,
    payload: RealtimeEventMap[E],
  ): void {
    if (rooms.length) this.emitter.to(rooms).emit(event, payload);
  }

  /**
   * Ends a user's open sockets on every api process, after telling them why (their sessions ended:
   * no more events, no more rooms). Call after the change committed. Both go out on one Redis
   * connection in this order, so clients hear the reason before the disconnect.
   */
  endSessions(userId: string, reason: SessionEndReason): void {
    const room = rooms.user(userId);
    this.emitter.to(room).emit(REALTIME_SESSION_ENDED, { reason });
    this.emitter.in(room).disconnectSockets(true);
  }

  /**
   * Moves a user's open sockets into and out of rooms after their teams or role changed, so what
   * they hear follows what they may see without a reconnect.
   */
  moveUser(userId: string, change: { join: string[]; leave: string[] }): void {
    const sockets = this.emitter.in(rooms.user(userId));
    if (change.leave.length) sockets.socketsLeave(change.leave);
    if (change.join.length) sockets.socketsJoin(change.join);
  }

  /**
   * Takes sockets out of a conversation's room unless they are in one of `allowed` (the rooms of
   * those who may still see it): whoever opened it while it waited in their team's queue stops
   * hearing about it once a colleague owns it.
   */
  narrowConversationRoom(conversationId: string, allowed: string[]): void {
    const room = rooms.conversation(conversationId);
    this.emitter.in(room).except(allowed).socketsLeave(room);
  }

  /** Visitors of the website chat (namespace /widget). */
  toWidget(room: string, event: string, payload: unknown): void {
    this.emitter.of('/widget').to(room).emit(event, payload);
  }
}
