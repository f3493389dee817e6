import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ATTACHMENT_MAX_BYTES,
  MESSAGE_ATTACHMENTS_MAX_BYTES,
  type MessageDto,
  type SendMessageRequest,
} from '@touchpoint/shared';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../../core/auth/auth-user';
import { DomainEvents, EventBatch } from '../../../core/events/domain-events';
import { NotFoundException } from '../../../core/errors/app.exception';
import { withTimeout } from '../../../core/queue/enqueue';
import { JOBS, QUEUES } from '../../../core/queue/queue.constants';
import { FileStorage } from '../../../core/storage/file-storage';
import type {
  DeliveryUpdate,
  InboundAttachment,
  NormalizedMessage,
} from '../../channels/channel-adapter';
import { ChannelRegistry } from '../../channels/channel-registry';
import { Channel } from '../../channels/channel.entity';
import { ContactIdentity } from '../../contacts/contact-identity.entity';
import { ConversationAccess } from '../conversation-access.service';
import { admitByMention, changeOwner, nextSeq } from '../conversation-writer';
import { TimelineEvent } from '../timeline-event.entity';
import { previewOf } from '../conversation.mapper';
import { Conversation } from '../conversation.entity';
import { NotificationsService } from '../../notifications/notifications.service';
import { Attachment } from './attachment.entity';
import { parseMentions } from './mentions';
import { AttachmentUrlSigner } from './attachment-url.signer';
import { MESSAGE_RELATIONS, toMessageDto } from './message.mapper';
import { Message } from './message.entity';
import {
  ChannelUnavailableException,
  NotOwnerException,
  NotRetryableException,
  RepliedMeanwhileException,
  SuggestionSentException,
} from './messages.exception';

type SendInput = Required<Pick<SendMessageRequest, 'type' | 'body' | 'clientMessageId'>> &
  SendMessageRequest;

@Injectable()
export class MessagesService {
  private readonly logger = new Logger('Messages');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.outbound) private readonly outbound: Queue,
    private readonly access: ConversationAccess,
    private readonly registry: ChannelRegistry,
    private readonly storage: FileStorage,
    private readonly urls: AttachmentUrlSigner,
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
  ) {}

  async get(id: string): Promise<MessageDto> {
    const message = await this.db
      .getRepository(Message)
      .findOne({ where: { id }, relations: MESSAGE_RELATIONS });
    if (!message) throw new NotFoundException('Message', id);
    return toMessageDto(message, this.urls);
  }

  /**
   * A reply (sent to the customer through a channel) or a note (internal, never sent). The replier of an
   * unowned conversation becomes its owner. A repeated clientMessageId returns the first message.
   */
  async send(
    user: AuthUser,
    conversationId: string,
    input: SendInput,
  ): Promise<{ message: MessageDto; created: boolean }> {
    await this.access.assertCanSee(user, conversationId);
    const batch = new EventBatch();
    const outcome = await this.db.transaction(async (m) => {
      const conversation = await m
        .getRepository(Conversation)
        .findOne({ where: { id: conversationId }, lock: { mode: 'pessimistic_write' } });
      if (!conversation) throw new NotFoundException('Conversation', conversationId);
      const repeated = await m
        .getRepository(Message)
        .findOne({ where: { conversationId, clientMessageId: input.clientMessageId } });
      if (repeated) return { id: repeated.id, created: false };

      let channelId: string | null = null;
      let address: string | undefined;
      if (input.type === 'reply') {
        await this.assertMayReply(m, user, conversation);
        if (input.lastSeenSeq !== undefined && !input.force) {
          await this.assertNoReplyMeanwhile(m, user, conversationId, input.lastSeenSeq);
        }
        ({ channelId, address } = await this.pickChannel(m, conversation, input.channelId));
        if (!conversation.ownerId)
          await changeOwner(m, conversation, { ownerId: user.id, actorId: user.id }, batch);
      }
      const seq = await nextSeq(m, conversationId);
      const message = await m.getRepository(Message).save({
        conversationId,
        seq,
        type: input.type === 'reply' ? 'outbound' : 'note',
        channelId,
        authorUserId: user.id,
        text: input.body,
        clientMessageId: input.clientMessageId,
        deliveryStatus: input.type === 'reply' ? 'queued' : null,
        metadata: address ? { address } : input.type === 'suggestion' ? { suggestion: 'open' } : {},
      });
      const channel = channelId
        ? await m.getRepository(Channel).findOneByOrFail({ id: channelId })
        : null;
      await m.getRepository(Conversation).update(conversationId, {
        lastActivityAt: new Date(),
        previewText: previewOf(input.body),
        previewType: message.type,
        ...(input.type === 'reply' && {
          unreadCount: 0,
          channelKinds:
            channel && !conversation.channelKinds.includes(channel.kind)
              ? [...conversation.channelKinds, channel.kind]
              : conversation.channelKinds,
        }),
      });
      if (input.type !== 'reply')
        await this.applyMentions(m, user, conversation, input.body, batch);
      batch.add('message.created', { conversationId, messageId: message.id });
      batch.add('conversation.updated', { conversationId });
      return { id: message.id, created: true };
    });
    await this.events.publish(batch);
    if (outcome.created && input.type === 'reply') await this.enqueueDelivery(outcome.id);
    return { message: await this.get(outcome.id), created: outcome.created };
  }

  /**
   * The owner sends a participant's suggested reply, as written or edited, through the customer's
   * channel. The reply is the owner's; the suggestion is marked sent. Idempotent per clientMessageId.
   */
  async sendSuggestion(
    user: AuthUser,
    suggestionId: string,
    input: { body?: string; channelId?: string; clientMessageId: string },
  ): Promise<{ message: MessageDto; created: boolean }> {
    const suggestion = await this.db
      .getRepository(Message)
      .findOne({ where: { id: suggestionId } });
    if (!suggestion || suggestion.type !== 'note' || !suggestion.metadata.suggestion) {
      throw new NotFoundException('Suggested reply', suggestionId);
    }
    await this.access.assertCanSee(user, suggestion.conversationId);
    if (suggestion.metadata.suggestion === 'sent' && suggestion.metadata.suggestionSentMessageId) {
      const sent = await this.db
        .getRepository(Message)
        .findOne({ where: { id: String(suggestion.metadata.suggestionSentMessageId) } });
      if (sent?.clientMessageId === input.clientMessageId)
        return { message: await this.get(sent.id), created: false };
      throw new SuggestionSentException();
    }
    const result = await this.send(user, suggestion.conversationId, {
      type: 'reply',
      body: input.body ?? suggestion.text,
      channelId: input.channelId,
      clientMessageId: input.clientMessageId,
    });
    await this.db
      .createQueryBuilder()
      .update(Message)
      .set({
        metadata: () =>
          `metadata || jsonb_build_object('suggestion', 'sent', 'suggestionSentMessageId', :sentId::text)`,
      })
      .where('id = :id', { id: suggestionId })
      .setParameter('sentId', result.message.id)
      .execute();
    await this.events.publish(
      EventBatch.of('message.updated', {
        conversationId: suggestion.conversationId,
        messageId: suggestionId,
      }),
    );
    return result;
  }

  /** Sends a failed reply again. */
  async retry(user: AuthUser, messageId: string): Promise<MessageDto> {
    const message = await this.db.getRepository(Message).findOne({ where: { id: messageId } });
    if (!message) throw new NotFoundException('Message', messageId);
    await this.access.assertCanSee(user, message.conversationId);
    const result = await this.db
      .createQueryBuilder()
      .update(Message)
      .set({ deliveryStatus: 'queued', deliveryError: null })
      .where(`id = :id AND type = 'outbound' AND delivery_status = 'failed'`, { id: messageId })
      .execute();
    if (!result.affected) throw new NotRetryableException();
    await this.events.publish(
      EventBatch.of('message.updated', { conversationId: message.conversationId, messageId }),
    );
    await this.enqueueDelivery(messageId, `${messageId}.retry.${message.deliveryAttempts}`);
    return this.get(messageId);
  }

  async enqueueDelivery(messageId: string, jobId = messageId): Promise<void> {
    try {
      await withTimeout(this.outbound.add(JOBS.deliverOutbound, { messageId }, { jobId }));
    } catch (err) {
      this.logger.warn(
        `Reply ${messageId} is stored but not yet queued (the sweeper will): ${(err as Error).message}`,
      );
    }
  }

  /**
   * Stores one customer message in the caller's transaction (inbound worker). Returns null when this
   * channel already has a message with the provider id (a redelivery).
   */
  async storeInbound(
    m: EntityManager,
    input: {
      conversationId: string;
      contactId: string;
      channel: Channel;
      message: NormalizedMessage;
      address?: string;
    },
    batch: EventBatch,
  ): Promise<Message | null> {
    const { conversationId, channel, message } = input;
    const duplicate = await m
      .getRepository(Message)
      .exists({ where: { channelId: channel.id, providerMessageId: message.providerMessageId } });
    if (duplicate) return null;

    // One statement locks the conversation, reads what the message changes, and reserves its seq
    // (two when the customer switched channels: the switch is recorded just before the message).
    const [rows]: [
      {
        last_seq: number;
        last_inbound_channel_id: string | null;
        channel_kinds: string[];
        subject: string | null;
      }[],
      number,
    ] = await m.query(
      `UPDATE conversations SET last_seq = last_seq +
         CASE WHEN last_inbound_channel_id IS NOT NULL AND last_inbound_channel_id <> $2 THEN 2 ELSE 1 END
       WHERE id = $1 RETURNING last_seq, last_inbound_channel_id, channel_kinds, subject`,
      [conversationId, channel.id],
    );
    const state = rows[0];
    if (!state) throw new Error(`Conversation ${conversationId} does not exist`);
    const seq = state.last_seq;
    if (state.last_inbound_channel_id && state.last_inbound_channel_id !== channel.id) {
      const from = await m
        .getRepository(Channel)
        .findOne({ where: { id: state.last_inbound_channel_id } });
      await m.getRepository(TimelineEvent).save({
        conversationId,
        seq: seq - 1,
        kind: 'conversation.channel_switched',
        actorId: null,
        data: {
          from: from ? { id: from.id, kind: from.kind, name: from.name } : null,
          to: { id: channel.id, kind: channel.kind, name: channel.name },
        },
      });
    }
    const saved = await m.getRepository(Message).save({
      conversationId,
      seq,
      type: 'inbound',
      channelId: channel.id,
      contactId: input.contactId,
      subject: message.subject?.slice(0, 300) ?? null,
      text: message.text,
      html: message.html ?? null,
      quoted: message.quoted ?? null,
      htmlOriginal: message.htmlOriginal ?? null,
      charactersReplaced: message.charactersReplaced ?? false,
      providerMessageId: message.providerMessageId,
      metadata: {
        ...(input.address && { address: input.address }),
        ...(message.email?.messageId && { emailMessageId: message.email.messageId }),
        ...(message.email?.inReplyTo?.length && { inReplyTo: message.email.inReplyTo }),
        ...(message.email?.references?.length && { references: message.email.references }),
        ...(message.droppedAttachments?.length && {
          droppedAttachments: message.droppedAttachments,
        }),
      },
    });
    await this.storeAttachments(m, saved.id, message.attachments);

    const kinds = state.channel_kinds as Conversation['channelKinds'];
    await m.getRepository(Conversation).update(conversationId, {
      lastActivityAt: new Date(),
      lastInboundAt: new Date(),
      lastInboundChannelId: channel.id,
      previewText: previewOf(message.text || message.subject || ''),
      previewType: 'inbound',
      unreadCount: () => 'unread_count + 1',
      channelKinds: kinds.includes(channel.kind) ? kinds : [...kinds, channel.kind],
      ...(!state.subject && message.subject && { subject: message.subject.slice(0, 300) }),
    });
    batch.add('message.created', { conversationId, messageId: saved.id });
    batch.add('conversation.updated', { conversationId });
    return saved;
  }

  /** A provider's delivery news (status callback, bounce) about one of our replies. */
  async applyDelivery(channelId: string, update: DeliveryUpdate): Promise<boolean> {
    const qb = this.db.getRepository(Message).createQueryBuilder('m').where(`m.type = 'outbound'`);
    if (update.messageId) qb.andWhere('m.id = :id', { id: update.messageId });
    else if (update.providerMessageId) {
      qb.andWhere(
        "m.channel_id = :channelId AND (m.provider_message_id = :pid OR m.metadata->>'emailMessageId' = :pid)",
        {
          channelId,
          pid: update.providerMessageId,
        },
      );
    } else return false;
    const message = await qb.getOne();
    if (!message) return false;
    // A late "delivered" never overrides a failure; a failure (bounce) overrides "sent"/"delivered".
    if (update.status === 'delivered' && message.deliveryStatus !== 'sent') return false;
    await this.db.getRepository(Message).update(message.id, {
      deliveryStatus: update.status,
      deliveryError:
        update.status === 'failed'
          ? (update.error ?? 'The provider reported a failed delivery').slice(0, 1000)
          : null,
    });
    await this.events.publish(
      EventBatch.of('message.updated', {
        conversationId: message.conversationId,
        messageId: message.id,
      }),
    );
    return true;
  }

  private async storeAttachments(
    m: EntityManager,
    messageId: string,
    attachments: InboundAttachment[],
  ): Promise<void> {
    let total = 0;
    for (const a of attachments) {
      if (
        a.content.length > ATTACHMENT_MAX_BYTES ||
        total + a.content.length > MESSAGE_ATTACHMENTS_MAX_BYTES
      ) {
        this.logger.warn(
          `Attachment ${a.filename} of message ${messageId} skipped: over the size limit`,
        );
        continue;
      }
      total += a.content.length;
      const storageKey = await this.storage.put(a.content, {
        filename: a.filename,
        contentType: a.contentType,
      });
      await m.getRepository(Attachment).insert({
        messageId,
        filename: a.filename.slice(0, 255) || 'attachment',
        contentType: a.contentType.slice(0, 255) || 'application/octet-stream',
        size: a.content.length,
        storageKey,
        contentId: a.contentId?.slice(0, 255) ?? null,
        inline: Boolean(a.inline),
      });
    }
  }

  /** Collision check: someone else answered the customer after what the writer last saw. */
  private async assertNoReplyMeanwhile(
    m: EntityManager,
    user: AuthUser,
    conversationId: string,
    lastSeenSeq: number,
  ): Promise<void> {
    const [other]: { name: string }[] = await m.query(
      `SELECT u.name FROM messages msg JOIN users u ON u.id = msg.author_user_id
       WHERE msg.conversation_id = $1 AND msg.type = 'outbound' AND msg.seq > $2 AND msg.author_user_id <> $3
       ORDER BY msg.seq DESC LIMIT 1`,
      [conversationId, lastSeenSeq, user.id],
    );
    if (other) throw new RepliedMeanwhileException(other.name);
  }

  /**
   * `@colleague` in a note notifies them and lets them in as a consult would: for their grace period,
   * never lifting or lengthening access they have (see admitByMention). Mentioning yourself changes
   * nothing, and the owner needs no letting in. `@team` notifies its members.
   * Only unambiguous names count: a first name shared by two people mentions nobody.
   */
  private async applyMentions(
    m: EntityManager,
    user: AuthUser,
    conversation: Pick<Conversation, 'id' | 'ownerId'>,
    text: string,
    batch: EventBatch,
  ): Promise<void> {
    const conversationId = conversation.id;
    const tokens = parseMentions(text);
    if (tokens.length === 0) return;
    const users: { id: string; token: string }[] = await m.query(
      `SELECT u.id, t AS token FROM unnest($1::text[]) t
       JOIN users u ON u.active AND (lower(split_part(u.name, ' ', 1)) = t OR lower(replace(u.name, ' ', '.')) = t
                                    OR lower(replace(u.name, ' ', '')) = t OR split_part(u.email, '@', 1) = t)`,
      [tokens],
    );
    const mentioned = [
      ...new Set(
        users.filter((u) => users.filter((x) => x.token === u.token).length === 1).map((u) => u.id),
      ),
    ].filter((id) => id !== user.id); // mentioning yourself changes nothing
    await admitByMention(
      m,
      conversationId,
      mentioned.filter((id) => id !== conversation.ownerId),
      batch,
    );
    const excerpt = text.slice(0, 300);
    await this.notifications.notify(
      m,
      mentioned,
      { kind: 'mention', conversationId, actorId: user.id, text: excerpt },
      batch,
    );
    const teams: { id: string }[] = await m.query(
      'SELECT id FROM teams WHERE lower(name) = ANY($1::text[])',
      [tokens],
    );
    for (const team of teams) {
      const members = (await this.notifications.teamMemberIds(m, team.id)).filter(
        (id) => !mentioned.includes(id),
      );
      await this.notifications.notify(
        m,
        members,
        { kind: 'team_mention', conversationId, actorId: user.id, text: excerpt },
        batch,
      );
    }
  }

  private async assertMayReply(
    m: EntityManager,
    user: AuthUser,
    conversation: Conversation,
  ): Promise<void> {
    if (!(await this.access.mayReply(user, conversation, m))) throw new NotOwnerException();
  }

  /**
   * The channel a reply goes through: the one the agent picked, else the channel of the customer's
   * latest message. It must reach one of the contact's identities.
   */
  private async pickChannel(
    m: EntityManager,
    conversation: Conversation,
    requested?: string,
  ): Promise<{ channelId: string; address: string }> {
    const channelId = requested ?? conversation.lastInboundChannelId;
    if (!channelId)
      throw new ChannelUnavailableException(
        'The customer has not written on any channel yet: pick a channel',
      );
    const channel = await m.getRepository(Channel).findOne({ where: { id: channelId } });
    if (!channel || !channel.enabled)
      throw new ChannelUnavailableException('This channel does not exist or is disabled');
    const adapter = this.registry.find(channel.kind);
    if (!adapter)
      throw new ChannelUnavailableException(
        `Replies through ${channel.kind} channels are not supported yet`,
      );
    if (adapter.canReply && !adapter.canReply(channel))
      throw new ChannelUnavailableException(
        `The channel ${channel.name} cannot send replies: check its settings`,
      );
    const identities = await m
      .getRepository(ContactIdentity)
      .find({ where: { contactId: conversation.contactId }, order: { createdAt: 'DESC' } });
    // Prefer the address the customer last wrote from on this channel.
    const lastUsed: { address?: string }[] = await m.query(
      `SELECT metadata->>'address' AS address FROM messages WHERE conversation_id = $1 AND channel_id = $2 AND type = 'inbound' ORDER BY seq DESC LIMIT 1`,
      [conversation.id, channel.id],
    );
    const reachable = identities.filter((i) => adapter.reaches.includes(i.kind));
    const identity =
      reachable.find((i) => i.address === lastUsed[0]?.address) ??
      reachable.sort(
        (a, b) => adapter.reaches.indexOf(a.kind) - adapter.reaches.indexOf(b.kind),
      )[0];
    if (!identity)
      throw new ChannelUnavailableException(
        `The contact has no address this ${channel.kind} channel can reach`,
      );
    return { channelId: channel.id, address: identity.address };
  }
}
