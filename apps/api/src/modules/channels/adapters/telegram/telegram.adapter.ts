import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ChannelConfig, IdentityKind } from '@touchpoint/shared';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../../../config/app-config';
import {
  OutboundRefusedError,
  OutboundTooLargeError,
  OutboundUrlError,
} from '../../../../core/net/outbound.errors';
import type { InboundEvent } from '../../../intake/inbound-event.entity';
import {
  ChannelConnectError,
  PermanentDeliveryError,
  RegisterChannelAdapter,
  RetryLaterError,
  UnparseablePayloadError,
  type ChannelAdapter,
  type InboundAttachment,
  type OutboundContext,
  type ParseResult,
  type SendResult,
} from '../../channel-adapter';
import type { Channel } from '../../channel.entity';
import { sendInParts } from '../../reply-parts';
import {
  TELEGRAM_DOWNLOAD_LIMIT_BYTES,
  TelegramApiError,
  TelegramBotApi,
  TelegramUnreachableError,
} from './telegram-bot-api.client';
import {
  TELEGRAM_ALLOWED_UPDATES,
  type TelegramFile,
  type TelegramMessage,
} from './telegram-bot-api.types';
import { splitTelegramText } from './telegram-text';
import {
  completeDraft,
  readTelegramUpdate,
  telegramMessageKey,
  type TelegramFileRef,
} from './telegram-update.parser';

type TelegramConfig = ChannelConfig<'telegram'>;

/** A delivery error Telegram reports for the webhook counts as current for this long. */
const WEBHOOK_ERROR_RECENT_MS = 60 * 60 * 1000;

/** `sendPhoto` takes photos up to 10 MB; larger images go as documents. */
const PHOTO_LIMIT_BYTES = 10 * 1024 * 1024;

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'file'; file: OutboundContext['message']['attachments'][number] };

/**
 * Telegram bots: updates arrive at `POST /webhooks/telegram/:channelId` (checked by the secret
 * token, stored raw), are read here in the worker, and replies go out through the Bot API to the
 * chat of the contact's Telegram identity. Creating or changing the channel registers the webhook.
 */
@Injectable()
@RegisterChannelAdapter()
export class TelegramAdapter implements ChannelAdapter {
  readonly kind = 'telegram' as const;
  readonly reaches: readonly IdentityKind[] = ['telegram'];

  constructor(
    private readonly api: TelegramBotApi,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async parse(event: InboundEvent, channel: Channel): Promise<ParseResult> {
    const reading = readTelegramUpdate(event.payload);
    if (reading.kind === 'invalid') throw new UnparseablePayloadError(reading.reason);
    if (reading.kind === 'ignored') return reading;
    const { draft } = reading;
    const earlier = draft.reference
      ? await this.storedText(channel.id, draft.reference.key)
      : undefined;
    const { text, quoted } = completeDraft(draft, earlier);
    const attachments: InboundAttachment[] = [];
    const droppedAttachments: string[] = [];
    if (draft.file) {
      const file = await this.fetchFile(telegramConfig(channel), draft.file);
      if ('dropped' in file) droppedAttachments.push(`${draft.file.filename}: ${file.dropped}`);
      else attachments.push(file);
    }
    return {
      kind: 'messages',
      messages: [
        {
          providerMessageId: draft.providerMessageId,
          contact: draft.contact,
          text,
          ...(quoted && { quoted }),
          attachments,
          ...(droppedAttachments.length && { droppedAttachments }),
          ...(draft.sentAt && { sentAt: draft.sentAt }),
        },
      ],
    };
  }

  /**
   * Texts first (split at Telegram's 4096 characters), then each file. Every Telegram message id is
   * recorded; the first is the reply's provider id, so a reaction to it names the reply.
   */
  async send(ctx: OutboundContext): Promise<SendResult> {
    if (ctx.recipient.kind !== 'telegram')
      throw new PermanentDeliveryError(
        `A Telegram channel cannot reach a ${ctx.recipient.kind} identity`,
      );
    const config = telegramConfig(ctx.channel);
    const chatId = ctx.recipient.address;
    const parts: Part[] = [
      ...splitTelegramText(ctx.message.text).map((text) => ({ kind: 'text' as const, text })),
      ...ctx.message.attachments.map((file) => ({ kind: 'file' as const, file })),
    ];
    const ids = await sendInParts(
      parts,
      'Telegram',
      (part) => this.sendOnce(config, chatId, part),
      (err) => classify(err, ctx.channel),
    );
    return {
      providerMessageId: ids[0],
      metadata: { address: chatId, telegramMessageIds: ids },
    };
  }

  /** Registers the webhook with this channel's secret token and the updates the inbox reads. */
  /** The token works, the webhook points here, and Telegram's last delivery here did not fail. */
  async check(channel: Channel): Promise<string> {
    const config = telegramConfig(channel);
    const url = `${this.config.http.publicUrl}/webhooks/telegram/${channel.id}`;
    let bot: { username?: string };
    let hook: {
      url?: string;
      pending_update_count?: number;
      last_error_date?: number;
      last_error_message?: string;
    };
    try {
      bot = await this.api.call(config, 'getMe', {});
      hook = await this.api.call(config, 'getWebhookInfo', {});
    } catch (err) {
      throw connectError(err, url);
    }
    const name = bot.username ? `@${bot.username}` : 'The bot';
    if (hook.url !== url)
      throw new ChannelConnectError(
        `${name} delivers its updates ${hook.url ? `to ${hook.url}` : 'nowhere'}, not to ${url}: save the channel again to register the webhook`,
      );
    const lastError = (hook.last_error_date ?? 0) * 1000;
    if (hook.last_error_message && Date.now() - lastError < WEBHOOK_ERROR_RECENT_MS)
      throw new ChannelConnectError(
        `Telegram could not deliver to ${url} at ${new Date(lastError).toISOString()}: ${hook.last_error_message} (${hook.pending_update_count ?? 0} updates waiting)`,
      );
    return `${name} is connected: Telegram delivers its updates to ${url}`;
  }

  async connect(channel: Channel): Promise<void> {
    const config = telegramConfig(channel);
    const url = `${this.config.http.publicUrl}/webhooks/telegram/${channel.id}`;
    try {
      await this.api.call<boolean>(config, 'setWebhook', {
        url,
        secret_token: config.secretToken,
        allowed_updates: TELEGRAM_ALLOWED_UPDATES,
      });
    } catch (err) {
      throw connectError(err, url);
    }
  }

  /** The bot keeps its updates (Telegram holds them for 24 hours) until the channel is enabled again. */
  async disconnect(channel: Channel): Promise<void> {
    const url = `${this.config.http.publicUrl}/webhooks/telegram/${channel.id}`;
    try {
      await this.api.call<boolean>(telegramConfig(channel), 'deleteWebhook', {
        drop_pending_updates: false,
      });
    } catch (err) {
      throw connectError(err, url);
    }
  }

  /**
   * One part of a reply. Telegram has no idempotency key: when its answer is lost (time limit,
   * dropped connection) after it took the message, the retry delivers the message a second time.
   */
  private async sendOnce(config: TelegramConfig, chatId: string, part: Part): Promise<string> {
    if (part.kind === 'text') {
      const sent = await this.api.call<TelegramMessage>(config, 'sendMessage', {
        chat_id: chatId,
        text: part.text,
      });
      return telegramMessageKey(chatId, sent.message_id);
    }
    const { file } = part;
    const [method, field] = uploadMethod(file.contentType, file.content.length);
    const upload = (m: string, f: string) =>
      this.api.upload<TelegramMessage>(
        config,
        m,
        { chat_id: chatId },
        { field: f, filename: file.filename, contentType: file.contentType, content: file.content },
      );
    try {
      return telegramMessageKey(chatId, (await upload(method, field)).message_id);
    } catch (err) {
      // Media Telegram cannot process as such (odd dimensions, codecs) still arrives as a file.
      if (
        method !== 'sendDocument' &&
        err instanceof TelegramApiError &&
        err.status === 400 &&
        !/chat not found/i.test(err.description)
      )
        return telegramMessageKey(chatId, (await upload('sendDocument', 'document')).message_id);
      throw err;
    }
  }

  /**
   * A customer's file: `getFile` names it, then it is downloaded. What can never be fetched (over the
   * 20 MB bots may download, refused by Telegram or by our address guard) is dropped with the reason
   * and the text is still stored; an outage keeps the event for a retry.
   */
  private async fetchFile(
    config: TelegramConfig,
    ref: TelegramFileRef,
  ): Promise<InboundAttachment | { dropped: string }> {
    const tooLarge = (bytes?: number) =>
      `${bytes ? `${(bytes / 1024 / 1024).toFixed(1)} MB, ` : ''}larger than the 20 MB Telegram lets bots download`;
    if (ref.fileSize !== undefined && ref.fileSize > TELEGRAM_DOWNLOAD_LIMIT_BYTES)
      return { dropped: tooLarge(ref.fileSize) };
    try {
      const info = await this.api.call<TelegramFile>(config, 'getFile', { file_id: ref.fileId });
      if (info.file_size !== undefined && info.file_size > TELEGRAM_DOWNLOAD_LIMIT_BYTES)
        return { dropped: tooLarge(info.file_size) };
      if (!info.file_path) return { dropped: 'Telegram offers no download for it' };
      const content = await this.api.download(
        config,
        info.file_path,
        TELEGRAM_DOWNLOAD_LIMIT_BYTES,
      );
      return { filename: ref.filename, contentType: ref.contentType, content };
    } catch (err) {
      if (err instanceof OutboundTooLargeError) return { dropped: tooLarge() };
      if (err instanceof OutboundRefusedError || err instanceof OutboundUrlError)
        return { dropped: `not fetched, ${err.message}` };
      if (err instanceof TelegramApiError && err.status !== 429 && err.status < 500)
        return {
          dropped: /too big/i.test(err.description)
            ? tooLarge()
            : `Telegram refused it (${err.description})`,
        };
      throw new Error(`A file of this message could not be fetched: ${(err as Error).message}`);
    }
  }

  /** The text of a message this channel stored (received or sent), for edits and reactions. */
  private async storedText(
    channelId: string,
    providerMessageId: string,
  ): Promise<string | undefined> {
    const [row]: { text: string }[] = await this.db.query(
      'SELECT text FROM messages WHERE channel_id = $1 AND provider_message_id = $2 LIMIT 1',
      [channelId, providerMessageId],
    );
    return row?.text || undefined;
  }
}

function telegramConfig(channel: Channel): TelegramConfig {
  return channel.config as TelegramConfig;
}

/** The Bot API method and form field a file goes out with; anything else is a document. */
function uploadMethod(contentType: string, size: number): [string, string] {
  const type = contentType.toLowerCase();
  if (/^image\/(jpeg|png|webp)$/.test(type) && size <= PHOTO_LIMIT_BYTES)
    return ['sendPhoto', 'photo'];
  if (type === 'image/gif') return ['sendAnimation', 'animation'];
  if (type === 'video/mp4') return ['sendVideo', 'video'];
  if (/^audio\/(mpeg|mp3|mp4|x-m4a)$/.test(type)) return ['sendAudio', 'audio'];
  return ['sendDocument', 'document'];
}

/**
 * A failed send in words an agent can act on: permanent when retrying cannot help, a RetryLaterError
 * or a plain Error (retried with backoff) when Telegram is busy or away.
 */
function classify(err: unknown, channel: Channel): Error {
  if (err instanceof PermanentDeliveryError) return err;
  if (err instanceof OutboundRefusedError || err instanceof OutboundUrlError)
    return new PermanentDeliveryError(`The Telegram API address is refused: ${err.message}`);
  // The answer was cut off: Telegram may have taken the message, so it is not sent again.
  if (err instanceof OutboundTooLargeError)
    return new PermanentDeliveryError(`Telegram's answer was too large: ${err.message}`);
  if (err instanceof TelegramApiError) {
    const { status, description } = err;
    if (status === 403 && /blocked/i.test(description))
      return new PermanentDeliveryError(
        'The customer blocked the bot: they must unblock it before replies arrive',
      );
    if (status === 403 && /deactivated/i.test(description))
      return new PermanentDeliveryError(
        "The customer's Telegram account was deleted: replies cannot reach it",
      );
    if (status === 400 && /chat not found/i.test(description))
      return new PermanentDeliveryError(
        'Telegram does not know this chat (chat not found): the customer may have deleted it, or the bot token now belongs to another bot',
      );
    if (status === 401 || status === 404)
      return new PermanentDeliveryError(
        `Telegram does not accept the bot token of channel "${channel.name}": an admin must check the bot token from @BotFather in the channel settings`,
      );
    if (status === 429)
      return new RetryLaterError(
        `Telegram asks to slow down${err.retryAfter ? `: retry after ${err.retryAfter} s` : ''}`,
        err.retryAfter === undefined ? undefined : err.retryAfter * 1000,
      );
    if (status >= 500) return new Error(`Telegram is unavailable (${status}): ${description}`);
    return new PermanentDeliveryError(`Telegram refused the message (${status}): ${description}`);
  }
  if (err instanceof TelegramUnreachableError) return new Error(err.message);
  return err instanceof Error ? err : new Error(String(err));
}

/** Why Telegram did not take the webhook, for the admin who saved the channel. */
function connectError(err: unknown, url: string): ChannelConnectError {
  if (err instanceof OutboundRefusedError || err instanceof OutboundUrlError)
    return new ChannelConnectError(`config.apiBaseUrl is refused: ${err.message}`);
  if (err instanceof TelegramApiError) {
    const { status, description } = err;
    if (status === 401 || status === 404)
      return new ChannelConnectError(
        `Telegram does not accept the bot token (${status} ${description}): check config.botToken, the token @BotFather gave you`,
      );
    if (status === 400 && /secret/i.test(description))
      return new ChannelConnectError(
        `Telegram refused config.secretToken (${description}): use 1-256 characters of A-Z, a-z, 0-9, _ and -`,
      );
    if (status === 400)
      return new ChannelConnectError(
        `Telegram refused the webhook ${url} (${description}): PUBLIC_URL must be an https address Telegram can reach from the internet`,
      );
    if (status === 429 || status >= 500)
      return new ChannelConnectError(
        `Telegram is unavailable right now (${status} ${description}): try again in a moment`,
        true,
      );
    return new ChannelConnectError(`Telegram refused the webhook (${status} ${description})`);
  }
  if (err instanceof TelegramUnreachableError) return new ChannelConnectError(err.message, true);
  return new ChannelConnectError(`Telegram could not be reached: ${(err as Error).message}`, true);
}
