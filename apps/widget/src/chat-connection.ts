import {
  WIDGET_EVENTS,
  WIDGET_NAMESPACE,
  type WidgetAck,
  type WidgetHandshake,
  type WidgetMessageDto,
  type WidgetSendPayload,
  type WidgetSessionPayload,
} from '@touchpoint/shared/realtime/widget';
import type {
  WidgetAvailabilityPayload,
  WidgetLeaveEmailPayload,
  WidgetRatePayload,
  WidgetSurveyUpdate,
  WidgetTypingPayload,
  WidgetVisitorTypingPayload,
} from '@touchpoint/shared/realtime/widget-payloads';
import { io, type Socket } from 'socket.io-client';

export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'unavailable';

export interface ConnectionListener {
  session(session: WidgetSessionPayload): void;
  message(message: WidgetMessageDto): void;
  typing(payload: WidgetTypingPayload): void;
  availability(payload: WidgetAvailabilityPayload): void;
  survey(update: WidgetSurveyUpdate): void;
  status(status: ConnectionStatus, reason?: string): void;
}

/** No answer from the server within this time counts as a failed attempt (the message stays queued). */
const ACK_TIMEOUT_MS = 10_000;

/** The visitor's socket to `/widget`: reconnects by itself and re-sends the handshake (with the token). */
export class ChatConnection {
  private socket: Socket | null = null;

  constructor(
    private readonly serverUrl: string,
    private readonly handshake: () => WidgetHandshake,
    private readonly listener: ConnectionListener,
  ) {}

  get started(): boolean {
    return this.socket !== null;
  }

  get connected(): boolean {
    return this.socket?.connected === true;
  }

  connect(): void {
    if (this.socket) return;
    this.listener.status('connecting');
    const socket = io(`${this.serverUrl}${WIDGET_NAMESPACE}`, {
      // WebSocket only: no cross-origin long-polling requests (the server checks the Origin).
      transports: ['websocket'],
      auth: (cb) => cb({ ...this.handshake() }),
    });
    this.socket = socket;
    socket.on(WIDGET_EVENTS.session, (s: WidgetSessionPayload) => {
      this.listener.status('online');
      this.listener.session(s);
    });
    socket.on(WIDGET_EVENTS.message, (m: WidgetMessageDto) => this.listener.message(m));
    socket.on(WIDGET_EVENTS.typing, (p: WidgetTypingPayload) => this.listener.typing(p));
    socket.on(WIDGET_EVENTS.availability, (p: WidgetAvailabilityPayload) =>
      this.listener.availability(p),
    );
    socket.on(WIDGET_EVENTS.survey, (u: WidgetSurveyUpdate) => this.listener.survey(u));
    socket.on('disconnect', () => this.listener.status('reconnecting'));
    socket.on('connect_error', (err: Error) => {
      // Refused by the server (channel, origin, identity): socket.io does not retry those.
      if (!socket.active) this.listener.status('unavailable', err.message);
      else this.listener.status('reconnecting');
    });
  }

  async send(payload: WidgetSendPayload): Promise<WidgetAck<WidgetMessageDto> | null> {
    return this.request<WidgetAck<WidgetMessageDto>>(WIDGET_EVENTS.send, payload);
  }

  async leaveEmail(payload: WidgetLeaveEmailPayload): Promise<WidgetAck | null> {
    return this.request<WidgetAck>(WIDGET_EVENTS.leaveEmail, payload);
  }

  async rate(payload: WidgetRatePayload): Promise<WidgetAck<WidgetSurveyUpdate> | null> {
    return this.request<WidgetAck<WidgetSurveyUpdate>>(WIDGET_EVENTS.rate, payload);
  }

  typing(payload: WidgetVisitorTypingPayload): void {
    if (this.socket?.connected) this.socket.emit(WIDGET_EVENTS.visitorTyping, payload);
  }

  /** The ack, or null when offline or no answer came in time. */
  private async request<T>(event: string, payload: unknown): Promise<T | null> {
    const socket = this.socket;
    if (!socket?.connected) return null;
    try {
      return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as T;
    } catch {
      return null;
    }
  }
}
