import { Logger, UseInterceptors } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  REALTIME_EVENTS,
  rooms,
  WIDGET_ERRORS,
  WIDGET_EVENTS,
  WIDGET_NAMESPACE,
  socketPayloadError,
  widgetLeaveEmailRequestSchema,
  widgetRateRequestSchema,
  widgetSendRequestSchema,
  widgetVisitorTypingRequestSchema,
  type WidgetAck,
  type WidgetAvailabilityPayload,
  type WidgetMessageDto,
  type WidgetSessionPayload,
  type WidgetSurveyUpdate,
} from '@touchpoint/shared';
import type { Namespace, Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import { AppException } from '../../../../core/errors/app.exception';
import { ClientAddresses } from '../../../../core/http/client-address';
import { RealtimePublisher } from '../../../../core/realtime/realtime-publisher';
import { SocketAckInterceptor } from '../../../../core/realtime/socket-ack.interceptor';
import { ContactsService } from '../../../contacts/contacts.service';
import { normalizeAddress } from '../../../contacts/identity-address';
import { InboundIntakeService } from '../../../intake/inbound-intake.service';
import type { Channel } from '../../channel.entity';
import { ChannelsService } from '../../channels.service';
import { VisitorStore } from './visitor-store';
import { webchatChannelConfig, type WebchatChannelConfig } from './webchat.config';
import { webchatProviderMessageId, type WebchatInboundPayload } from './webchat-payload';
import { WebchatVisitors } from './webchat-visitors.service';
import { widgetRooms } from './widget-rooms';
import { WidgetSendLimiter } from './widget-send-limiter';
import { WidgetSurveyRatings } from './widget-survey-ratings';
import {
  HandshakeRefused,
  identitiesOf,
  visitorOf,
  widgetHandshakeSchema,
  type Visitor,
} from './widget-visitor';

/** `address`: the client's address by the TRUST_PROXY rule, as for HTTP requests. */
type VisitorSocket = Socket & { data: { visitor?: Visitor; address?: string } };

/** Visitor typing is passed on at most this often while the state stays the same. */
const TYPING_REPEAT_MS = 2000;

/**
 * The website visitors' socket (namespace `/widget`). The handshake names an enabled webchat channel,
 * comes from one of its allowed origins (empty list: any), and either resumes a session (signed
 * token), proves a signed-in customer (identifier + identifierHash; a wrong hash is refused) or starts
 * a new anonymous visitor. Visitor messages are stored as inbound events like any provider's webhook.
 * CORS does not apply: the widget uses the websocket transport only, and the Origin is checked here.
 */
@WebSocketGateway({ namespace: WIDGET_NAMESPACE })
@UseInterceptors(SocketAckInterceptor)
export class WidgetGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger('WidgetGateway');

  constructor(
    private readonly channels: ChannelsService,
    private readonly intake: InboundIntakeService,
    private readonly contacts: ContactsService,
    private readonly visitors: WebchatVisitors,
    private readonly store: VisitorStore,
    private readonly publisher: RealtimePublisher,
    private readonly sendLimits: WidgetSendLimiter,
    private readonly addresses: ClientAddresses,
    private readonly ratings: WidgetSurveyRatings,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      this.authenticate(socket)
        .then((visitor) => {
          (socket as VisitorSocket).data.visitor = visitor;
          (socket as VisitorSocket).data.address = this.addresses.of(socket.request);
          next();
        })
        .catch((err: Error) => {
          this.logger.debug(`Widget handshake refused: ${err.message}`);
          next(err);
        });
    });
  }

  async handleConnection(socket: VisitorSocket): Promise<void> {
    const visitor = socket.data.visitor;
    if (!visitor) return void socket.disconnect(true);
    try {
      await socket.join([
        widgetRooms.visitor(visitor.channelId, visitor.visitorId),
        widgetRooms.channel(visitor.channelId),
      ]);
      await this.store.socketAlive(visitor.channelId, visitor.visitorId, socket.id);
      socket.conn.on('heartbeat', () => {
        this.store
          .socketAlive(visitor.channelId, visitor.visitorId, socket.id)
          .catch(() => undefined);
      });

      const known = await this.store.email(visitor.channelId, visitor.visitorId);
      if (visitor.email && visitor.email !== known) await this.keepEmail(visitor, visitor.email);
      else visitor.email ??= known ?? undefined;

      const [messages, agentsOnline] = await Promise.all([
        this.visitors.history(visitor.channelId, visitor.visitorId),
        this.visitors.agentsOnline(visitor.teamId),
      ]);
      const session: WidgetSessionPayload = {
        sessionToken: visitor.sessionToken,
        visitorName: visitor.name ?? null,
        email: visitor.email ?? null,
        agentsOnline,
        greeting: visitor.greeting,
        messages,
      };
      socket.emit(WIDGET_EVENTS.session, session);
    } catch (err) {
      this.logger.warn(`Widget session of ${visitor.visitorId} failed: ${(err as Error).message}`);
      socket.disconnect(true);
    }
  }

  async handleDisconnect(socket: VisitorSocket): Promise<void> {
    const visitor = socket.data.visitor;
    if (!visitor) return;
    await this.store
      .socketClosed(visitor.channelId, visitor.visitorId, socket.id)
      .catch((err: Error) => this.logger.warn(`Visitor presence update failed: ${err.message}`));
  }

  /** A visitor message: stored durably as an inbound event (once per clientMessageId), then acked. */
  @SubscribeMessage(WIDGET_EVENTS.send)
  async send(
    @ConnectedSocket() socket: VisitorSocket,
    @MessageBody() body: unknown,
  ): Promise<WidgetAck<WidgetMessageDto>> {
    const visitor = socket.data.visitor;
    if (!visitor) return { ok: false, error: WIDGET_ERRORS.channelUnavailable };
    const parsed = widgetSendRequestSchema.safeParse(body);
    if (!parsed.success) return { ok: false, error: WIDGET_ERRORS.invalidMessage };
    const refusal = await this.refusedSend(socket, visitor);
    if (refusal) return { ok: false, error: refusal };
    const { clientMessageId, text } = parsed.data;

    const channel = await this.enabledChannel(visitor.channelId);
    if (!channel) return { ok: false, error: WIDGET_ERRORS.channelUnavailable };
    const payload: WebchatInboundPayload = {
      visitorId: visitor.visitorId,
      clientMessageId,
      text,
      ...(visitor.name && { name: visitor.name }),
      identities: identitiesOf(visitor),
      sentAt: new Date().toISOString(),
    };
    try {
      const { eventId, duplicate } = await this.intake.accept(channel, {
        providerMessageId: webchatProviderMessageId(visitor.visitorId, clientMessageId),
        payload,
      });
      const stored = duplicate ? await this.storedPayload(eventId) : payload;
      const echo: WidgetMessageDto = {
        id: eventId,
        direction: 'in',
        text: stored?.text ?? text,
        authorName: null,
        createdAt: stored?.sentAt ?? payload.sentAt,
        clientMessageId,
        attachments: [],
      };
      // The visitor's other tabs show it too.
      if (!duplicate)
        socket
          .to(widgetRooms.visitor(visitor.channelId, visitor.visitorId))
          .emit(WIDGET_EVENTS.message, echo);
      void this.refreshAvailability(socket, visitor);
      return { ok: true, data: echo };
    } catch (err) {
      this.logger.warn(
        `Widget message of ${visitor.visitorId} not stored: ${(err as Error).message}`,
      );
      return { ok: false, error: WIDGET_ERRORS.unavailable };
    }
  }

  /**
   * The visitor leaves an address for replies while nobody is online. It is kept with the visitor and
   * added to the visitor's contact as an unverified email identity, unless another contact owns it:
   * then it stays with the visitor only. The answer is the same either way (no probing of addresses).
   */
  @SubscribeMessage(WIDGET_EVENTS.leaveEmail)
  async leaveEmail(
    @ConnectedSocket() socket: VisitorSocket,
    @MessageBody() body: unknown,
  ): Promise<WidgetAck> {
    const visitor = socket.data.visitor;
    if (!visitor) return { ok: false, error: WIDGET_ERRORS.channelUnavailable };
    const parsed = widgetLeaveEmailRequestSchema.safeParse(body);
    const email = parsed.success ? normalizeAddress('email', parsed.data.email) : null;
    if (!email) return { ok: false, error: WIDGET_ERRORS.invalidEmail };
    const refusal = await this.refusedSend(socket, visitor);
    if (refusal) return { ok: false, error: refusal };
    try {
      await this.keepEmail(visitor, email);
      return { ok: true };
    } catch (err) {
      this.logger.warn(`Email of visitor ${visitor.visitorId} not kept: ${(err as Error).message}`);
      return { ok: false, error: WIDGET_ERRORS.unavailable };
    }
  }

  /**
   * The visitor rates a satisfaction survey asked in its chat, with an optional comment; a second
   * rating within the survey's days replaces the first. Only the visitor the survey went to may
   * rate it (its session says who it is); the visitor's other tabs see the rating too.
   */
  @SubscribeMessage(WIDGET_EVENTS.rate)
  async rate(
    @ConnectedSocket() socket: VisitorSocket,
    @MessageBody() body: unknown,
  ): Promise<WidgetAck<WidgetSurveyUpdate>> {
    const visitor = socket.data.visitor;
    if (!visitor) return { ok: false, error: WIDGET_ERRORS.channelUnavailable };
    const parsed = widgetRateRequestSchema.safeParse(body);
    if (!parsed.success) return { ok: false, error: socketPayloadError(parsed.error) };
    const refusal = await this.refusedSend(socket, visitor);
    if (refusal) return { ok: false, error: refusal };
    const { messageId, rating, comment } = parsed.data;
    try {
      const survey = await this.ratings.rate(visitor, messageId, rating, comment ?? null);
      const update: WidgetSurveyUpdate = { messageId, survey };
      socket
        .to(widgetRooms.visitor(visitor.channelId, visitor.visitorId))
        .emit(WIDGET_EVENTS.survey, update);
      return { ok: true, data: update };
    } catch (err) {
      const code = err instanceof AppException ? err.code : null;
      if (code === 'satisfaction.not_found')
        return { ok: false, error: WIDGET_ERRORS.surveyUnknown };
      if (code === 'satisfaction.closed') return { ok: false, error: WIDGET_ERRORS.surveyClosed };
      this.logger.warn(
        `Rating of visitor ${visitor.visitorId} not kept: ${(err as Error).message}`,
      );
      return { ok: false, error: WIDGET_ERRORS.unavailable };
    }
  }

  /** The visitor types: agents following the conversation see it (`conversation.typing`). */
  @SubscribeMessage(WIDGET_EVENTS.visitorTyping)
  async visitorTyping(
    @ConnectedSocket() socket: VisitorSocket,
    @MessageBody() body: unknown,
  ): Promise<WidgetAck> {
    const visitor = socket.data.visitor;
    if (!visitor) return { ok: false, error: WIDGET_ERRORS.channelUnavailable };
    const parsed = widgetVisitorTypingRequestSchema.safeParse(body);
    if (!parsed.success) return { ok: false, error: socketPayloadError(parsed.error) };
    const { typing } = parsed.data;
    const now = Date.now();
    if (visitor.typing?.typing === typing && now - visitor.typing.at < TYPING_REPEAT_MS)
      return { ok: true };
    visitor.typing = { typing, at: now };
    const conversation = await this.visitors
      .activeConversationOf(visitor.visitorId)
      .catch(() => null);
    if (!conversation) return { ok: true };
    this.publisher.toStaff(
      [rooms.conversation(conversation.id)],
      REALTIME_EVENTS.conversationTyping,
      {
        conversationId: conversation.id,
        typing,
        author: {
          type: 'contact',
          id: conversation.contactId,
          name: conversation.contactName || visitor.name || '',
        },
      },
    );
    return { ok: true };
  }

  private async authenticate(socket: Socket): Promise<Visitor> {
    const parsed = widgetHandshakeSchema.safeParse(socket.handshake.auth ?? {});
    if (!parsed.success) throw new HandshakeRefused(WIDGET_ERRORS.channelUnavailable);
    const channel = await this.enabledChannel(parsed.data.channelId);
    if (!channel) throw new HandshakeRefused(WIDGET_ERRORS.channelUnavailable);
    let config: WebchatChannelConfig;
    try {
      config = webchatChannelConfig(channel);
    } catch (err) {
      this.logger.warn((err as Error).message);
      throw new HandshakeRefused(WIDGET_ERRORS.channelUnavailable);
    }
    return visitorOf(channel, config, parsed.data, socket.handshake.headers.origin);
  }

  /** Why the visitor may not send now (rate limit, or the limit cannot be checked), or null. */
  private async refusedSend(
    socket: VisitorSocket,
    visitor: Visitor,
  ): Promise<(typeof WIDGET_ERRORS)[keyof typeof WIDGET_ERRORS] | null> {
    try {
      const allowed = await this.sendLimits.tryAcquire(
        visitor,
        socket.data.address ?? socket.handshake.address,
      );
      return allowed ? null : WIDGET_ERRORS.rateLimited;
    } catch (err) {
      this.logger.warn(`Widget send limit not checked: ${(err as Error).message}`);
      return WIDGET_ERRORS.unavailable;
    }
  }

  private async keepEmail(visitor: Visitor, email: string): Promise<void> {
    visitor.email = email;
    await this.store.rememberEmail(visitor.channelId, visitor.visitorId, email);
    // Without a contact yet, the address travels with the visitor's next message.
    if (!(await this.visitors.contactOf(visitor.visitorId))) return;
    await this.db.transaction((m) =>
      this.contacts.resolve(m, [
        { kind: 'webchat', address: visitor.visitorId },
        { kind: 'email', address: email, canLink: false },
      ]),
    );
  }

  private async enabledChannel(id: string): Promise<Channel | null> {
    return this.channels.findEnabled(id, 'webchat').catch(() => null);
  }

  private async storedPayload(eventId: string): Promise<WebchatInboundPayload | undefined> {
    const [row]: { payload: WebchatInboundPayload | null }[] = await this.db.query(
      'SELECT payload FROM inbound_events WHERE id = $1',
      [eventId],
    );
    return row?.payload ?? undefined;
  }

  private async refreshAvailability(socket: VisitorSocket, visitor: Visitor): Promise<void> {
    try {
      const payload: WidgetAvailabilityPayload = {
        agentsOnline: await this.visitors.agentsOnline(visitor.teamId),
      };
      socket.emit(WIDGET_EVENTS.availability, payload);
    } catch {
      // Availability is a hint; the next session or send brings it again.
    }
  }
}
