import type { RealtimeSocket } from '../src/api/socket';

type Listener = (...args: unknown[]) => void;

/** An event the client sent to the server. */
export interface SentEvent {
  event: string;
  /** Arguments without the acknowledgement callback. */
  args: unknown[];
}

/** Answers a client event that asked for an acknowledgement; `undefined` leaves it unanswered. */
export type AckResponder = (event: string, args: unknown[]) => unknown;

/**
 * Behaves like a socket.io client socket as far as a connection can tell: `active` while
 * socket.io would keep reconnecting, `connected` once the handshake was accepted. As on a real
 * socket, `emit` sends to the server; `deliver` plays the server pushing an event.
 */
export class FakeSocket implements RealtimeSocket {
  connected = false;
  active = false;
  connectCalls = 0;
  disconnectCalls = 0;
  /** Every event the client emitted, in order. */
  readonly sent: SentEvent[] = [];
  /** Default: the server accepts every request with `{ ok: true }`. */
  respondToAck: AckResponder = () => ({ ok: true });
  private readonly listeners = new Map<string, Set<Listener>>();

  connect(): this {
    this.connectCalls += 1;
    this.active = true;
    return this;
  }

  disconnect(): this {
    this.disconnectCalls += 1;
    const wasConnected = this.connected;
    this.connected = false;
    this.active = false;
    if (wasConnected) this.deliver('disconnect', 'io client disconnect');
    return this;
  }

  emit(event: string, ...args: unknown[]): this {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (answer: unknown) => void) : undefined;
    const payload = ack ? args.slice(0, -1) : args;
    this.sent.push({ event, args: payload });
    if (ack) {
      const answer = this.respondToAck(event, payload);
      // The answer travels over the network: it never arrives synchronously.
      if (answer !== undefined) queueMicrotask(() => ack(answer));
    }
    return this;
  }

  on(event: string, listener: Listener): this {
    const set = this.listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(event, set);
    return this;
  }

  off(event: string, listener: Listener): this {
    this.listeners.get(event)?.delete(listener);
    return this;
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** Events the client sent with this name, their first argument each. */
  sentPayloads(event: string): unknown[] {
    return this.sent.filter((sent) => sent.event === event).map((sent) => sent.args[0]);
  }

  /** The server delivers an event. */
  deliver(event: string, ...args: unknown[]): void {
    this.listeners.get(event)?.forEach((listener) => listener(...args));
  }

  /** The handshake succeeds. */
  accept(): void {
    this.connected = true;
    this.deliver('connect');
  }

  /** The transport breaks; socket.io will reconnect on its own. */
  drop(): void {
    this.connected = false;
    this.deliver('disconnect', 'transport close');
  }

  /** A (re)connect attempt cannot reach the server; socket.io keeps trying. */
  unreachable(): void {
    this.deliver('connect_error', new Error('websocket error'));
  }

  /** The server ends the session of the socket (token expired, password changed…) and closes it. */
  endSession(reason: string): void {
    this.deliver('session.ended', { reason });
    this.connected = false;
    this.active = false;
    this.deliver('disconnect', 'io server disconnect');
  }

  /** The server's auth middleware refuses the handshake; socket.io gives up. */
  refuse(message: string): void {
    this.active = false;
    this.deliver('connect_error', new Error(message));
  }
}
