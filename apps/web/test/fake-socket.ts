import type { RealtimeSocket } from '../src/api/socket';

type Listener = (...args: unknown[]) => void;

/**
 * Behaves like a socket.io client socket as far as a connection can tell: `active` while
 * socket.io would keep reconnecting, `connected` once the handshake was accepted.
 */
export class FakeSocket implements RealtimeSocket {
  connected = false;
  active = false;
  connectCalls = 0;
  disconnectCalls = 0;
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
    if (wasConnected) this.emit('disconnect', 'io client disconnect');
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

  /** The server delivers an event. */
  emit(event: string, ...args: unknown[]): void {
    this.listeners.get(event)?.forEach((listener) => listener(...args));
  }

  /** The handshake succeeds. */
  accept(): void {
    this.connected = true;
    this.emit('connect');
  }

  /** The transport breaks; socket.io will reconnect on its own. */
  drop(): void {
    this.connected = false;
    this.emit('disconnect', 'transport close');
  }

  /** A (re)connect attempt cannot reach the server; socket.io keeps trying. */
  unreachable(): void {
    this.emit('connect_error', new Error('websocket error'));
  }

  /** The server's auth middleware refuses the handshake; socket.io gives up. */
  refuse(message: string): void {
    this.active = false;
    this.emit('connect_error', new Error(message));
  }
}
