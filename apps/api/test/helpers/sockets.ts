import {
  REALTIME_READY,
  WIDGET_EVENTS,
  WIDGET_NAMESPACE,
  type WidgetHandshake,
  type WidgetSessionPayload,
} from '@touchpoint/shared';
import { io, type Socket } from 'socket.io-client';

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
