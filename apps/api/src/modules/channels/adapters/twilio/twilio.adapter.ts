import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ATTACHMENT_MAX_BYTES,
  MESSAGE_ATTACHMENTS_MAX_BYTES,
  type ChannelConfig,
  type IdentityKind,
} from '@touchpoint/shared';
import type { DataSource } from 'typeorm';
import { AppConfig } from '../../../../config/app-config';
import {
  OutboundRefusedError,
  OutboundTooLargeError,
  OutboundUrlError,
} from '../../../../core/net/outbound.errors';
import { normalizeAddress } from '../../../contacts/identity-address';
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
import { twilioErrorWords } from './twilio-errors';
import { mediaFilename, mimeType } from './twilio-media';
import {
  TwilioApiError,
  TwilioMediaRefusedError,
  type TwilioAccountResource,
  type TwilioNumberResource,
  TwilioRestApi,
  TwilioUnreachableError,
} from './twilio-rest.client';
import { splitTwilioBody } from './twilio-text';
import { isVoiceKey, readVoiceWebhook } from './twilio-voice';
import {
  completeDraft,
  parseTwilioWebhook,
  type TwilioMediaRef,
  type TwilioVia,
} from './twilio-webhook.parser';

type TwilioConfig = ChannelConfig<'twilio'>;

/** An MMS takes up to 10 files of 5 MB together; WhatsApp one file per message, up to 16 MB. */
const MMS_MAX_FILES = 10;
const MMS_MAX_BYTES = 5 * 1024 * 1024;
const WHATSAPP_MAX_BYTES = 16 * 1024 * 1024;

/** One file of a reply, as Twilio fetches it. */
interface ReplyFile {
  url: string;
  filename: string;
  size: number;
}

/** One Twilio message of a reply: a text part, files, or both (a caption). */
interface Part {
  body?: string;
  media: string[];
}

/**
 * SMS, MMS and WhatsApp through Twilio: webhooks arrive at `POST /webhooks/twilio/:channelId` (the
 * customer's messages) and `.../status` (news about our replies), checked by Twilio's signature and
 * stored raw; they are read here in the worker, and replies go out through the Messages API.
 */
@Injectable()
@RegisterChannelAdapter()
export class TwilioAdapter implements ChannelAdapter {
  readonly kind = 'twilio' as const;
  /**
   * SMS first when nothing else decides: it reaches a number without WhatsApp's 24-hour window. When
   * the customer wrote on this channel from the number, the reply takes the way they came (`via`).
   */
  readonly reaches: readonly IdentityKind[] = ['phone', 'whatsapp'];

  constructor(
    private readonly api: TwilioRestApi,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async parse(event: InboundEvent, channel: Channel): Promise<ParseResult> {
    if (isVoiceKey(event.providerMessageId)) {
      const call = readVoiceWebhook(event.providerMessageId, event.payload, event.createdAt);
      if (call.kind === 'invalid') throw new UnparseablePayloadError(call.reason);
      return call.kind === 'ignored' ? call : { kind: 'messages', messages: [call.message] };
    }
    const reading = parseTwilioWebhook(event.payload);
    if (reading.kind === 'ignored') return reading;
    if (reading.kind === 'delivery') return { kind: 'delivery', updates: [reading.update] };
    const { draft } = reading;
    const earlier = draft.reference?.sid
      ? await this.storedText(channel.id, draft.reference.sid)
      : undefined;
    const { text, quoted } = completeDraft(draft, earlier);
    const { attachments, droppedAttachments } = await this.fetchMedia(
      twilioConfig(channel),
      draft.media,
    );
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
        },
      ],
    };
  }

  canReply(channel: Channel): boolean {
    const config = twilioConfig(channel);
    return Boolean(config.phoneNumber?.trim() || config.messagingServiceSid?.trim());
  }

  /**
   * Twilio's documented throughput per sender: 1 message a second for a long code, which is also the
   * safe default for toll-free numbers (3/s) and Messaging Services (their senders' sum); 80 a
   * second for a WhatsApp sender, 100 for a short code. Twilio queues what comes faster, but its
   * queue is not ours to fill.
   */
  sendRate(channel: Channel): { limit: number; windowMs: number } {
    const config = twilioConfig(channel);
    const sender = config.phoneNumber?.trim() ?? '';
    if (!config.messagingServiceSid?.trim()) {
      if (/^whatsapp:/i.test(sender)) return { limit: 80, windowMs: 1000 };
      if (/^\d{3,8}$/.test(sender)) return { limit: 100, windowMs: 1000 };
    }
    return { limit: 1, windowMs: 1000 };
  }

  /**
   * Texts of up to 1600 characters each (Twilio's limit), the files as `MediaUrl` links to our
   * signed, short-lived attachment URLs: all with the first text for MMS, one per message for
   * WhatsApp. Every Twilio SID is recorded; the first is the reply's provider id, so its status
   * callbacks and a customer's answer to it name the reply.
   *
   * Twilio documents no idempotency key for creating a message (I-Twilio-Idempotency-Token is a
   * header Twilio puts on the webhooks it sends, not one its Messages API honours). When Twilio's
   * answer is lost after it took a message (time limit, dropped connection), the outbound job tries
   * again and the customer receives that message twice, billed twice; the status callbacks of the
   * first copy name a SID no reply recorded and are forgotten after a day.
   */
  async send(ctx: OutboundContext): Promise<SendResult> {
    const { channel, recipient } = ctx;
    const config = twilioConfig(channel);
    if (!this.canReply(channel))
      throw new PermanentDeliveryError(
        `The Twilio channel "${channel.name}" has no sender: an admin must set config.phoneNumber or config.messagingServiceSid`,
      );
    if (recipient.kind !== 'phone' && recipient.kind !== 'whatsapp')
      throw new PermanentDeliveryError(
        `A Twilio channel cannot reach a ${recipient.kind} identity`,
      );
    const number = normalizeAddress('phone', recipient.address);
    if (!number)
      throw new PermanentDeliveryError(
        `${recipient.address} is not a phone number Twilio can send to`,
      );
    const via =
      (await this.lastVia(channel.id, ctx.conversation.id, number)) ??
      (recipient.kind === 'whatsapp' ? 'whatsapp' : 'sms');
    const files = this.replyFiles(ctx);
    checkFiles(files, via);
    const parts = planParts(
      splitTwilioBody(ctx.message.text),
      files.map((f) => f.url),
      via,
    );
    const common = new URLSearchParams({ To: via === 'whatsapp' ? `whatsapp:${number}` : number });
    // A Messaging Service picks the sender itself (and the WhatsApp one for a `whatsapp:` To).
    if (config.messagingServiceSid?.trim())
      common.set('MessagingServiceSid', config.messagingServiceSid.trim());
    else common.set('From', senderAddress(config.phoneNumber ?? '', via));
    common.set(
      'StatusCallback',
      `${this.config.http.publicUrl}/webhooks/twilio/${channel.id}/status`,
    );

    const sids = await sendInParts(
      parts,
      'Twilio',
      async (part) => {
        const params = new URLSearchParams(common);
        if (part.body) params.set('Body', part.body);
        for (const url of part.media) params.append('MediaUrl', url);
        return (await this.api.createMessage(config, params)).sid;
      },
      (err) => classify(err, channel),
    );
    return { providerMessageId: sids[0], metadata: { twilioVia: via, twilioMessageSids: sids } };
  }

  /**
   * Checks the settings before they are saved: the sender is given and well-formed, Twilio accepts
   * the credentials, the account is active and an SMS number is the account's own. Twilio is not
   * reconfigured: the admin pastes the webhook URL into the Twilio console (see the README).
   */
  async connect(channel: Channel): Promise<void> {
    await this.verify(channel);
  }

  /**
   * What `connect` checks, and that Twilio sends the number's messages here (when the number, not a
   * Messaging Service, decides where they go). Sends nothing to anyone.
   */
  async check(channel: Channel): Promise<string> {
    const { account, number } = await this.verify(channel);
    const webhook = `${this.config.http.publicUrl}/webhooks/twilio/${channel.id}`;
    const name = account.friendly_name
      ? `"${account.friendly_name}"`
      : twilioConfig(channel).accountSid;
    if (number?.sms_url && number.sms_url !== webhook && !twilioConfig(channel).messagingServiceSid)
      throw new ChannelConnectError(
        `Twilio sends messages to ${number.phone_number} to ${number.sms_url}, not to ${webhook}: paste ${webhook} as "A message comes in" for the number in the Twilio console`,
      );
    return `Twilio accepts the credentials of account ${name}${number ? ` and ${number.phone_number} is its number` : ''}; incoming messages must go to ${webhook}`;
  }

  private async verify(
    channel: Channel,
  ): Promise<{ account: TwilioAccountResource; number?: TwilioNumberResource }> {
    const config = twilioConfig(channel);
    if (!/^AC[0-9a-f]{32}$/i.test(config.accountSid))
      throw new ChannelConnectError(
        'config.accountSid must be the Account SID from the Twilio console: AC followed by 32 hexadecimal characters',
      );
    const phoneNumber = config.phoneNumber?.trim();
    const serviceSid = config.messagingServiceSid?.trim();
    if (!phoneNumber && !serviceSid)
      throw new ChannelConnectError(
        'config.phoneNumber or config.messagingServiceSid is required: replies go out from it',
      );
    if (serviceSid && !/^MG[0-9a-f]{32}$/i.test(serviceSid))
      throw new ChannelConnectError(
        'config.messagingServiceSid must be the SID of a Messaging Service: MG followed by 32 hexadecimal characters',
      );
    const bare = phoneNumber?.replace(/^whatsapp:/i, '');
    const shortCode = bare ? /^\d{3,8}$/.test(bare) : false;
    const e164 = bare && bare.startsWith('+') ? normalizeAddress('phone', bare) : null;
    if (bare && !shortCode && !e164)
      throw new ChannelConnectError(
        'config.phoneNumber must be the sender in E.164 (+4930...), whatsapp:+4930... for a WhatsApp sender, or a short code',
      );
    try {
      const account = await this.api.fetchAccount(config);
      if (account.status && account.status !== 'active')
        throw new ChannelConnectError(
          `The Twilio account ${config.accountSid} is ${account.status}: it can neither send nor receive messages`,
        );
      // A WhatsApp sender may be a number hosted elsewhere; an SMS number must be the account's.
      if (!e164 || /^whatsapp:/i.test(phoneNumber ?? '')) return { account };
      const number = await this.api.findNumber(config, e164);
      if (!number)
        throw new ChannelConnectError(
          `config.phoneNumber ${e164} is not a phone number of the Twilio account ${config.accountSid}`,
        );
      return { account, number };
    } catch (err) {
      throw connectError(err);
    }
  }

  /**
   * The customer's files, within the limits of any message (20 MB each, 25 MB together). What can
   * never be fetched (too large, refused by Twilio or by our address guard, sent on to a host that is
   * not Twilio's storage) is dropped with the reason and the text is still stored; an outage keeps
   * the event for a retry.
   */
  private async fetchMedia(
    config: TwilioConfig,
    media: TwilioMediaRef[],
  ): Promise<{ attachments: InboundAttachment[]; droppedAttachments: string[] }> {
    const attachments: InboundAttachment[] = [];
    const droppedAttachments: string[] = [];
    let used = 0;
    for (const ref of media) {
      const filename = mediaFilename(ref.url, ref.contentType, ref.index);
      const room = MESSAGE_ATTACHMENTS_MAX_BYTES - used;
      const file =
        room > 0
          ? await this.fetchFile(config, ref, filename, Math.min(ATTACHMENT_MAX_BYTES, room))
          : { dropped: togetherTooLarge() };
      if ('dropped' in file) droppedAttachments.push(`${filename}: ${file.dropped}`);
      else {
        used += file.content.length;
        attachments.push(file);
      }
    }
    return { attachments, droppedAttachments };
  }

  private async fetchFile(
    config: TwilioConfig,
    ref: TwilioMediaRef,
    filename: string,
    limit: number,
  ): Promise<InboundAttachment | { dropped: string }> {
    try {
      const { content, contentType } = await this.api.downloadMedia(config, ref.url, limit);
      const served = mimeType(contentType);
      const refusal = typeMismatch(ref.contentType, served);
      if (refusal) return { dropped: refusal };
      const type =
        ref.contentType === 'application/octet-stream' && served ? served : ref.contentType;
      return { filename, contentType: type, content };
    } catch (err) {
      if (err instanceof OutboundTooLargeError)
        return {
          dropped:
            limit < ATTACHMENT_MAX_BYTES
              ? togetherTooLarge()
              : `larger than the ${mb(ATTACHMENT_MAX_BYTES)} a file may have`,
        };
      if (err instanceof TwilioMediaRefusedError) return { dropped: err.message };
      if (err instanceof OutboundRefusedError || err instanceof OutboundUrlError)
        return { dropped: `not fetched, ${err.message}` };
      if (err instanceof TwilioApiError && err.status !== 429 && err.status < 500)
        return { dropped: mediaRefusal(err) };
      throw new Error(`A file of this message could not be fetched: ${(err as Error).message}`);
    }
  }

  /** The text of a message this channel stored (received or sent), for replies and reactions. */
  private async storedText(channelId: string, sid: string): Promise<string | undefined> {
    const [row]: { text: string }[] = await this.db.query(
      'SELECT text FROM messages WHERE channel_id = $1 AND provider_message_id = $2 LIMIT 1',
      [channelId, sid],
    );
    return row?.text || undefined;
  }

  /**
   * Whether the customer last wrote in this conversation on this channel from this number by WhatsApp
   * or by SMS, as the stored delivery's `From` says. The number is the address of both their `phone` and `whatsapp`
   * identities, so the identity picked for the reply cannot tell; undefined when they did not write here.
   */
  private async lastVia(
    channelId: string,
    conversationId: string,
    number: string,
  ): Promise<TwilioVia | undefined> {
    const [row]: { from: string | null; payloadText: string | null }[] = await this.db.query(
      `SELECT e.payload->>'From' AS "from", e.payload_text AS "payloadText"
         FROM messages m
         JOIN inbound_events e
           ON e.channel_id = m.channel_id AND e.provider_message_id = m.provider_message_id
        WHERE m.conversation_id = $1 AND m.channel_id = $2 AND m.type = 'inbound'
          AND m.metadata->>'address' = $3
        ORDER BY m.seq DESC LIMIT 1`,
      [conversationId, channelId, number],
    );
    if (!row) return undefined;
    const from = row.from ?? fromOfText(row.payloadText);
    return typeof from === 'string' && /^whatsapp:/i.test(from.trim()) ? 'whatsapp' : 'sms';
  }

  /**
   * The reply's files as links Twilio can fetch: our signed attachment download under PUBLIC_URL.
   * The attachment rows give their ids (the outbound context carries only their contents).
   */
  private replyFiles(ctx: OutboundContext): ReplyFile[] {
    return ctx.message.attachments.map((a) => ({ url: a.url, filename: a.filename, size: a.size }));
  }
}

function twilioConfig(channel: Channel): TwilioConfig {
  return channel.config as TwilioConfig;
}

/** The configured sender for this way: a WhatsApp reply goes from the number's WhatsApp address. */
function senderAddress(phoneNumber: string, via: TwilioVia): string {
  const bare = phoneNumber.trim().replace(/^whatsapp:/i, '');
  return via === 'whatsapp' ? `whatsapp:${bare}` : bare;
}

function checkFiles(files: ReplyFile[], via: TwilioVia): void {
  if (via === 'whatsapp') {
    const large = files.find((f) => f.size > WHATSAPP_MAX_BYTES);
    if (large)
      throw new PermanentDeliveryError(
        `WhatsApp takes files of up to ${mb(WHATSAPP_MAX_BYTES)}: ${large.filename} has ${mb(large.size)}`,
      );
    return;
  }
  if (files.length > MMS_MAX_FILES)
    throw new PermanentDeliveryError(
      `An MMS takes at most ${MMS_MAX_FILES} files: send the others in another reply`,
    );
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > MMS_MAX_BYTES)
    throw new PermanentDeliveryError(
      `An MMS takes at most ${mb(MMS_MAX_BYTES)} of files, these have ${mb(total)}: send smaller files`,
    );
}

/** The first text carries the files (all for MMS, the first for WhatsApp); the rest follow. */
function planParts(texts: string[], urls: string[], via: TwilioVia): Part[] {
  const perMessage = via === 'whatsapp' ? 1 : MMS_MAX_FILES;
  const [first, ...moreTexts] = texts;
  const parts: Part[] = [];
  if (first !== undefined || urls.length)
    parts.push({ ...(first !== undefined && { body: first }), media: urls.slice(0, perMessage) });
  for (const body of moreTexts) parts.push({ body, media: [] });
  for (let i = perMessage; i < urls.length; i += perMessage)
    parts.push({ media: urls.slice(i, i + perMessage) });
  return parts;
}

function fromOfText(payloadText: string | null): unknown {
  if (!payloadText) return undefined;
  try {
    const payload = JSON.parse(payloadText) as { From?: unknown };
    return Array.isArray(payload.From) ? payload.From[0] : payload.From;
  } catch {
    return undefined;
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
const togetherTooLarge = () =>
  `the files of this message together exceed the ${mb(MESSAGE_ATTACHMENTS_MAX_BYTES)} a message may have`;

/**
 * A file that is not what Twilio announced: an error page or document of the storage in place of an
 * image, say. Generic binary types are fine; the announced type is kept then.
 */
function typeMismatch(announced: string, served: string | undefined): string | undefined {
  if (!served || served === announced) return undefined;
  if (served === 'application/octet-stream' || served === 'binary/octet-stream') return undefined;
  if (announced === 'application/octet-stream') return undefined;
  if (served.split('/')[0] === announced.split('/')[0] && !/html|xml|json/.test(served))
    return undefined;
  return `Twilio answered with ${served} instead of the announced ${announced}`;
}

function mediaRefusal(err: TwilioApiError): string {
  if (err.status === 404) return 'Twilio no longer has it (404): it was deleted';
  if (err.status === 401 || err.status === 403)
    return `Twilio refused the channel's credentials (${err.status}): an admin must check the Account SID and Auth Token`;
  return `Twilio refused it (${err.status}: ${err.description})`;
}

/**
 * A failed send in words an agent or an admin can act on: permanent when retrying cannot help, a
 * RetryLaterError with Twilio's wait when it is busy or away, a plain Error (retried with backoff)
 * when it could not be reached.
 */
function classify(err: unknown, channel: Channel): Error {
  if (err instanceof PermanentDeliveryError) return err;
  if (err instanceof OutboundRefusedError || err instanceof OutboundUrlError)
    return new PermanentDeliveryError(`The Twilio API address is refused: ${err.message}`);
  // The answer was cut off: Twilio may have taken the message, so it is not sent again.
  if (err instanceof OutboundTooLargeError)
    return new PermanentDeliveryError(`Twilio's answer was too large: ${err.message}`);
  if (err instanceof TwilioApiError) {
    const { status, code, description } = err;
    if (status === 429)
      return new RetryLaterError(
        `Twilio asks to slow down (429): ${description}`,
        err.retryAfterMs,
      );
    if (status >= 500)
      return new RetryLaterError(
        `Twilio is unavailable (${status}): ${description}`,
        err.retryAfterMs,
      );
    if (status === 401 || code === 20003)
      return new PermanentDeliveryError(
        `Twilio does not accept the Account SID and Auth Token of channel "${channel.name}": an admin must check them in the channel settings (Twilio error ${code ?? 20003})`,
      );
    if (status === 403)
      return new PermanentDeliveryError(
        `Twilio refused channel "${channel.name}" (403${code ? `, error ${code}` : ''}: ${description}): an admin must check the Twilio account (suspended, or credentials without permission)`,
      );
    if (status === 404 && (!code || code === 20404))
      return new PermanentDeliveryError(
        `Twilio does not know the account of channel "${channel.name}" (404): an admin must check config.accountSid and config.apiBaseUrl`,
      );
    return new PermanentDeliveryError(
      code
        ? twilioErrorWords(code, description)
        : `Twilio refused the message (${status}): ${description}`,
    );
  }
  if (err instanceof TwilioUnreachableError) return new Error(err.message);
  return err instanceof Error ? err : new Error(String(err));
}

/** Why the settings were not taken, for the admin who saved the channel. */
function connectError(err: unknown): ChannelConnectError {
  if (err instanceof ChannelConnectError) return err;
  if (err instanceof OutboundRefusedError || err instanceof OutboundUrlError)
    return new ChannelConnectError(`config.apiBaseUrl is refused: ${err.message}`);
  if (err instanceof TwilioApiError) {
    const { status, code, description } = err;
    if (status === 401 || code === 20003)
      return new ChannelConnectError(
        `Twilio does not accept the credentials (${status} ${description}): check config.accountSid and config.authToken, the Account SID and Auth Token in the Twilio console`,
      );
    if (status === 404)
      return new ChannelConnectError(
        `Twilio does not know the account in config.accountSid (${status} ${description})`,
      );
    if (status === 429 || status >= 500)
      return new ChannelConnectError(
        `Twilio is unavailable right now (${status} ${description}): try again in a moment`,
        true,
      );
    return new ChannelConnectError(`Twilio refused the settings (${status} ${description})`);
  }
  return new ChannelConnectError(`Twilio could not be reached: ${(err as Error).message}`, true);
}
