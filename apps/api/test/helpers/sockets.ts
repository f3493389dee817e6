import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import {
  REALTIME_READY,
  WIDGET_EVENTS,
  WIDGET_NAMESPACE,
  type WidgetHandshake,
  rooms,
  type RealtimeEventMap,
  type WidgetSessionPayload,
} from '@touchpoint/shared';
import { io, type Socket } from 'socket.io-client';
import { RealtimePublisher } from '../../src/core/realtime/realtime-publisher';
import { widgetRooms } from '../../src/modules/channels/adapters/webchat/widget-rooms';

/** Sockets in tests never reconnect behind the test's back and never share a connection. */
const TEST_SOCKET = { transports: ['websocket'], reconnection: false, forceNew: true };

/** The first `event` whose payload passes `match`; fails after `ms`. */
export function once<T>(
  socket: Socket,
  event: string,
  match: (p: T) => boolean = () => true,
  ms = 5000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching ${event} within ${ms} ms`)), ms);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

/** A staff socket on the realtime gateway, as the inbox opens it (not yet ready). */
export function connectStaff(url: string, token?: string): Socket {
  return io(url, { auth: token ? { token } : {}, ...TEST_SOCKET });
}

/** A staff socket the gateway has signed in and put in its rooms (`REALTIME_READY`). */
export async function readyStaff(url: string, token: string): Promise<Socket> {
  const socket = connectStaff(url, token);
  await once(socket, REALTIME_READY);
  return socket;
}

/** A visitor socket on the widget namespace, as the chat widget opens it from `origin`. */
export function connectVisitor(
  url: string,
  auth: Partial<WidgetHandshake>,
  origin?: string,
): Socket {
  return io(`${url}${WIDGET_NAMESPACE}`, {
    auth,
    ...TEST_SOCKET,
    ...(origin && { extraHeaders: { origin } }),
  });
}

/** The widget session the handshake answers with; fails with the refusal or after `ms`. */
export function widgetSession(socket: Socket, ms = 5000): Promise<WidgetSessionPayload> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${WIDGET_EVENTS.session}`)), ms);
    socket.once(WIDGET_EVENTS.session, (s: WidgetSessionPayload) => {
      clearTimeout(timer);
      resolve(s);
    });
    socket.once('connect_error', (err: Error) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** Every `event` on `socket` whose payload passes `match`, from now until `stop`. */
export function watch<T>(
  socket: Socket,
  event: string,
  match: (p: T) => boolean = () => true,
): { seen: T[]; stop(): void } {
  const seen: T[] = [];
  const listener = (payload: T) => {
    if (match(payload)) seen.push(payload);
  };
  socket.on(event, listener);
  return { seen, stop: () => socket.off(event, listener) };
}

/** Event name of the sentinel; no client of the product listens to it. */
export const SENTINEL_EVENT = 'test.sentinel';

/**
 * Proves that something did NOT reach `socket`: once the action in question is done (its request
 * answered, its queues drained), emits a sentinel to `room` (a room the socket is in) through the
 * app's own realtime publisher and waits for it. Every event the app emits leaves on that one Redis
 * connection, in order, so an event the action caused would have arrived before the sentinel:
 * whatever a `watch` has not seen by then never comes. `namespace` is the socket's.
 */
export async function sentinel(
  t: { app: INestApplication },
  socket: Socket,
  room: string,
  namespace: 'staff' | 'widget' = 'staff',
): Promise<void> {
  const publisher = t.app.get(RealtimePublisher);
  const id = randomUUID();
  const arrived = once<{ id: string }>(socket, SENTINEL_EVENT, (p) => p.id === id);
  if (namespace === 'widget') publisher.toWidget(room, SENTINEL_EVENT, { id });
  // Not an event of the catalogue on purpose: no listener of the product reacts to it.
  else publisher.toStaff([room], SENTINEL_EVENT as keyof RealtimeEventMap, { id } as never);
  await arrived;
}

/** `sentinel` for a staff socket of `userId` (signed-in staff sockets are in their user's room). */
export function staffSentinel(t: { app: INestApplication }, socket: Socket, userId: string) {
  return sentinel(t, socket, rooms.user(userId));
}

/** `sentinel` for a visitor's widget socket (every visitor is in its channel's room). */
export function visitorSentinel(t: { app: INestApplication }, socket: Socket, channelId: string) {
  return sentinel(t, socket, widgetRooms.channel(channelId), 'widget');
}
