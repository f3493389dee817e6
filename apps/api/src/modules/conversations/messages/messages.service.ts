import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  MESSAGE_BODY_MAX_LENGTH,
  renderTemplate,
  templateVariableCount,
  type logCallSchema,
  type MessageDto,
  type sendMessageSchema,
} from '@touchpoint/shared';
import type { z } from 'zod';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../../core/auth/auth-user';
import { DomainEvents } from '../../../core/events/domain-events';
import { NotFoundException } from '../../../core/errors/app.exception';
import { MergedAwayException } from '../conversation-merge.exception';
import { withTimeout } from '../../../core/queue/enqueue';
import { JOBS, QUEUES } from '../../../core/queue/queue.constants';
import type { ReplyWindow } from '../../channels/channel-adapter';
import { ChannelRegistry } from '../../channels/channel-registry';
import { ConversationAccess } from '../conversation-access.service';
import {
  appendCall,
  appendNote,
  appendReply,
  changeOwner,
  markSuggestionSent,
  requeueFailedReply,
} from '../conversation-writer';
import { Conversation } from '../conversation.entity';
import { loadReplyWindow, loadRouting, routeReply, type RoutableChannel } from '../reply-routing';
import { ComposerUploadsService } from './composer-uploads.service';
import { NotificationsService } from '../../notifications/notifications.service';
import { MentionsService } from './mentions.service';
import { MESSAGE_RELATIONS, toMessageDto } from './message.mapper';
import { Message } from './message.entity';
import {
  ChannelUnavailableException,
  NotOwnerException,
  NotRetryableException,
  ReplyWindowClosedException,
  RepliedMeanwhileException,
  SuggestionSentException,
  TemplatesUnsupportedException,
  TemplateVariablesException,
  UnknownTemplateException,
} from './messages.exception';
import { FileLinks } from '../../../core/storage/file-links';

type SendInput = z.output<typeof sendMessageSchema>;
type TemplateInput = NonNullable<SendInput['template']>;

type LogCallInput = z.output<typeof logCallSchema>;

@Injectable()
export class MessagesService {
  private readonly logger = new Logger('Messages');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.outbound) private readonly outbound: Queue,
    private readonly access: ConversationAccess,
    private readonly registry: ChannelRegistry,
    private readonly urls: FileLinks,
    private readonly events: DomainEvents,
    private readonly mentions: MentionsService,
    private readonly notifications: NotificationsService,
    private readonly uploads: ComposerUploadsService,
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
    const outcome = await this.events.transaction(async (m, batch) => {
      const { conversation, repeated } = await lockForWrite(
        m,
        conversationId,
        input.clientMessageId,
      );
      if (repeated) return { id: repeated.id, created: false };

      // The schema lets only a reply with a template leave the body out.
      const body = input.body ?? '';
      const author = { authorUserId: user.id, text: body, clientMessageId: input.clientMessageId };
      if (input.type !== 'reply') {
        const note = await appendNote(
          m,
          conversationId,
          { ...author, suggestion: input.type === 'suggestion' },
          batch,
        );
        await this.mentions.apply(m, user.id, conversation, body, batch);
        // A reply drafted for the owner waits for them: they hear of it (not the author, if it is theirs).
        if (input.type === 'suggestion' && conversation.ownerId)
          await this.notifications.notify(
            m,
            [conversation.ownerId],
            {
              kind: 'suggestion.waiting',
              conversationId,
              actorId: user.id,
              text: body.slice(0, 300),
            },
            batch,
          );
        return { id: note.id, created: true };
      }
      await this.assertMayReply(m, user, conversation);
      if (input.lastSeenSeq !== undefined && !input.force)
        await this.assertNoReplyMeanwhile(m, user, conversationId, input.lastSeenSeq);
      const routing = await loadRouting(m, this.registry, conversation);
      const decision = routeReply(routing.facts, routing.channels, {
        type: 'reply',
        channelId: input.channelId,
      });
      if (decision.kind !== 'route') {
        throw new ChannelUnavailableException(
          decision.kind === 'refused' ? decision.reason : 'A reply must go through a channel',
        );
      }
      const window = await loadReplyWindow(
        m,
        this.registry,
        decision.route.channel,
        conversation.contactId,
      );
      const { channel, address } = decision.route;
      // A template may go out whether the window is open or not: that is what it is for.
      let text = body;
      if (input.template) text = templateText(channel, window, input.template);
      else if (window && !window.open) throw new ReplyWindowClosedException(window.closedReason);
      const attachmentIds = input.attachmentIds ?? [];
      const attachments = await this.uploads.take(m, user, conversationId, attachmentIds);
      if (!conversation.ownerId)
        await changeOwner(m, conversation, { ownerId: user.id, actorId: user.id }, batch);
      const message = await appendReply(
        m,
        conversation,
        { ...author, text, channel, address, template: input.template, attachments },
        batch,
      );
      return { id: message.id, created: true };
    });
    if (outcome.created && input.type === 'reply') await this.enqueueDelivery(outcome.id);
    return { message: await this.get(outcome.id), created: outcome.created };
  }

  /** Logs a call someone who sees the conversation had with the customer; idempotent per clientMessageId. */
  async logCall(
    user: AuthUser,
    conversationId: string,
    input: LogCallInput,
  ): Promise<{ message: MessageDto; created: boolean }> {
    await this.access.assertCanSee(user, conversationId);
    const outcome = await this.events.transaction(async (m, batch) => {
      const { conversation, repeated } = await lockForWrite(
        m,
        conversationId,
        input.clientMessageId,
      );
      if (repeated) return { id: repeated.id, created: false };
      const message = await appendCall(
        m,
        conversation,
        {
          authorUserId: user.id,
          text: input.note,
          clientMessageId: input.clientMessageId,
          call: {
            direction: input.direction,
            outcome: input.outcome,
            startedAt: input.startedAt ? new Date(input.startedAt).toISOString() : null,
            durationSeconds: input.outcome === 'answered' ? (input.durationSeconds ?? 0) : 0,
            from: null,
            to: null,
            recordingUrl: null,
          },
        },
        batch,
      );
      return { id: message.id, created: true };
    });
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
    await this.events.transaction((m, batch) =>
      markSuggestionSent(m, suggestion, result.message.id, batch),
    );
    return result;
  }

  /** Sends a failed reply again. */
  async retry(user: AuthUser, messageId: string): Promise<MessageDto> {
    const message = await this.db.getRepository(Message).findOne({ where: { id: messageId } });
    if (!message) throw new NotFoundException('Message', messageId);
    await this.access.assertCanSee(user, message.conversationId);
    const requeued = await this.events.transaction((m, batch) =>
      requeueFailedReply(m, message, batch),
    );
    if (!requeued) throw new NotRetryableException();
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

  private async assertMayReply(
    m: EntityManager,
    user: AuthUser,
    conversation: Conversation,
  ): Promise<void> {
    if (!(await this.access.mayReply(user, conversation, m))) throw new NotOwnerException();
  }
}

/**
 * The reply text of a template: the channel's approved template of that name and language with the
 * values filled in, as the customer will read it. Refused, naming the field at fault, when the
 * channel sends no templates, has no such template, or the values do not fit it.
 */
function templateText(
  channel: Pick<RoutableChannel, 'name' | 'kind'>,
  window: ReplyWindow | null,
  wanted: TemplateInput,
): string {
  if (!window) throw new TemplatesUnsupportedException(channel);
  if (window.templates.length === 0)
    throw new UnknownTemplateException(
      'template.name',
      `cannot be found: ${channel.name} has no approved templates yet (an admin adds them in the channel settings)`,
    );
  const named = window.templates.filter((t) => t.name === wanted.name);
  if (named.length === 0)
    throw new UnknownTemplateException(
      'template.name',
      `${wanted.name} is not among the approved templates of ${channel.name}`,
    );
  const template = named.find((t) => t.language === wanted.language);
  if (!template)
    throw new UnknownTemplateException(
      'template.language',
      `${wanted.language} is not a language of the template ${wanted.name} (approved: ${named.map((t) => t.language).join(', ')})`,
    );
  const count = templateVariableCount(template.body);
  if (wanted.variables.length !== count)
    throw new TemplateVariablesException(
      `must have ${count} value${count === 1 ? '' : 's'} for the template ${wanted.name}, ${wanted.variables.length} given`,
    );
  const text = renderTemplate(template.body, wanted.variables);
  if (text.length > MESSAGE_BODY_MAX_LENGTH)
    throw new TemplateVariablesException(
      `make the template longer than ${MESSAGE_BODY_MAX_LENGTH} characters`,
    );
  return text;
}

/**
 * The conversation a message is written to, locked so writers of one conversation queue up, and the
 * message an earlier request with this clientMessageId already wrote (a retried request answers it).
 */
async function lockForWrite(
  m: EntityManager,
  conversationId: string,
  clientMessageId: string,
): Promise<{ conversation: Conversation; repeated: Message | null }> {
  const conversation = await m
    .getRepository(Conversation)
    .findOne({ where: { id: conversationId }, lock: { mode: 'pessimistic_write' } });
  if (!conversation) throw new NotFoundException('Conversation', conversationId);
  const repeated = await m
    .getRepository(Message)
    .findOne({ where: { conversationId, clientMessageId } });
  if (!repeated && conversation.mergedIntoId)
    throw new MergedAwayException(conversation.mergedIntoId);
  return { conversation, repeated };
}
