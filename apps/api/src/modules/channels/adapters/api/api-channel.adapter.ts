import { Injectable } from '@nestjs/common';
import type { ApiChannelCall, ApiChannelMessage, ChannelConfig } from '@touchpoint/shared';
import { InboundEvent } from '../../../intake/inbound-event.entity';
import {
  ChannelConnectError,
  PermanentDeliveryError,
  RegisterChannelAdapter,
  RetryLaterError,
  UnparseablePayloadError,
  type ChannelAdapter,
  type InboundAttachment,
  type InboundIdentity,
  type NormalizedMessage,
  type OutboundContext,
  type ParseResult,
  type SendResult,
} from '../../channel-adapter';
import { OutboundClient, type OutboundResponse } from '../../../../core/net/outbound.client';
import { retryAfterMs } from '../../../../core/net/retry-after';
import {
  OutboundRefusedError,
  OutboundTooLargeError,
  OutboundUrlError,
} from '../../../../core/net/outbound.errors';
import type { Channel } from '../../channel.entity';
import { parseApiPayload } from './api-payload';
import { sign, SIGNATURE_HEADER } from './api-signature';

const FETCH_TIMEOUT_MS = 10_000;
const ATTACHMENT_LIMIT_BYTES = 20 * 1024 * 1024;
const ATTACHMENT_TIMEOUT_MS = 60_000;
/** A file host may move a file (CDN, signed URL); every hop is checked again. */
const ATTACHMENT_REDIRECTS = 3;
/** What we read of a callback's answer: only its `id` matters. */
const CALLBACK_ANSWER_LIMIT_BYTES = 1024 * 1024;

/**
 * The generic API channel for custom sources: signed JSON in, signed JSON replies POSTed to the
 * channel's callback URL.
 */
@Injectable()
@RegisterChannelAdapter()
export class ApiChannelAdapter implements ChannelAdapter {
  readonly kind = 'api' as const;
  readonly reaches = ['api', 'email', 'phone'] as const;

  constructor(private readonly outbound: OutboundClient) {}

  async parse(event: InboundEvent): Promise<ParseResult> {
    const parsed = parseApiPayload(event.payload);
    if (!parsed.success) {
      throw new UnparseablePayloadError(
        parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '),
      );
    }
    if (parsed.payload.kind === 'status') {
      const { messageId, status, error } = parsed.payload.status;
      return {
        kind: 'delivery',
        updates: [{ providerMessageId: messageId, status, ...(error && { error }) }],
      };
    }
    if (parsed.payload.kind === 'call')
      return { kind: 'messages', messages: [callOf(parsed.payload.call)] };
    const body = parsed.payload.message;
    const identities = identitiesOf(body.contact);
    const attachments: InboundAttachment[] = [];
    const droppedAttachments: string[] = [];
    for (const a of body.attachments ?? []) {
      const file = await this.download(a.url, a.name, a.contentType);
      if ('dropped' in file) droppedAttachments.push(`${a.name}: ${file.dropped}`);
      else attachments.push(file);
    }
    return {
      kind: 'messages',
      messages: [
        {
          providerMessageId: body.id,
          contact: { identities, name: body.contact.name },
          text: body.text,
          attachments,
          ...(droppedAttachments.length && { droppedAttachments }),
        },
      ],
    };
  }

  /** Replies need a callback URL that the guard lets us reach; nothing is sent to it. */
  async check(channel: Channel): Promise<string> {
    const { callbackUrl } = channel.config as ChannelConfig<'api'>;
    if (!callbackUrl)
      return 'Messages are taken; replies are not sent anywhere (no callbackUrl is set)';
    try {
      const { hostname, port, protocol } = new URL(callbackUrl);
      await this.outbound.socketTarget(
        hostname,
        Number(port) || (protocol === 'https:' ? 443 : 80),
      );
    } catch (err) {
      throw new ChannelConnectError(`config.callbackUrl cannot be used: ${(err as Error).message}`);
    }
    return `Messages are taken; replies are POSTed to ${callbackUrl}`;
  }

  canReply(channel: Channel): boolean {
    return Boolean((channel.config as ChannelConfig<'api'>).callbackUrl);
  }

  async send(ctx: OutboundContext): Promise<SendResult> {
    const config = ctx.channel.config as ChannelConfig<'api'>;
    if (!config.callbackUrl)
      throw new PermanentDeliveryError('This API channel has no callbackUrl for replies');
    const identities = contactAddresses(ctx);
    const body = JSON.stringify({
      event: 'message.outbound',
      conversationId: ctx.conversation.id,
      messageId: ctx.message.id,
      contact: { id: ctx.contact.id, name: ctx.contact.name, ...identities },
      text: ctx.message.text,
      // Signed links valid for 12 hours: the receiver fetches the files it wants.
      attachments: ctx.message.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        size: a.size,
        url: a.url,
      })),
    });
    let res: OutboundResponse;
    try {
      // Redirects are not followed: the signed body is meant for the configured URL only.
      res = await this.outbound.request(config.callbackUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: sign(body, config.secret),
          // The same on every attempt: a receiver that saw this key already drops the repeat.
          'idempotency-key': ctx.message.id,
          'user-agent': 'Touchpoint',
        },
        body,
        maxBytes: CALLBACK_ANSWER_LIMIT_BYTES,
        timeoutMs: FETCH_TIMEOUT_MS,
      });
    } catch (err) {
      if (err instanceof OutboundRefusedError || err instanceof OutboundUrlError)
        throw new PermanentDeliveryError(`Callback ${config.callbackUrl} refused: ${err.message}`);
      // It may have arrived: sending again could deliver the reply twice.
      if (err instanceof OutboundTooLargeError)
        throw new PermanentDeliveryError(`Callback ${config.callbackUrl}: ${err.message}`);
      throw new Error(`Callback ${config.callbackUrl} unreachable: ${(err as Error).message}`);
    }
    if (!res.ok) {
      const detail = `Callback answered ${res.status} ${res.statusText}`;
      // Asked to slow down, or away for a time it names: wait that long, at no cost of an attempt.
      if (res.status === 429 || (res.status === 503 && res.headers['retry-after']))
        throw new RetryLaterError(detail, retryAfterMs(res.headers['retry-after']));
      // Client errors will not change on retry, except timeouts and rate limits.
      if (res.status >= 300 && res.status < 500 && res.status !== 408 && res.status !== 429)
        throw new PermanentDeliveryError(detail);
      throw new Error(detail);
    }
    const answer = parseJson(res.body);
    return {
      providerMessageId: typeof answer.id === 'string' && answer.id ? answer.id : ctx.message.id,
    };
  }

  /**
   * A file the sender links to. A refused address or an oversized file will not change on retry: the
   * attachment is dropped with the reason and the customer's text is still stored. Other failures
   * keep the event for a retry (network) or an admin's retry (an error answer).
   */
  private async download(
    url: string,
    name: string,
    contentType: string,
  ): Promise<InboundAttachment | { dropped: string }> {
    let res: OutboundResponse;
    try {
      res = await this.outbound.request(url, {
        maxBytes: ATTACHMENT_LIMIT_BYTES,
        timeoutMs: ATTACHMENT_TIMEOUT_MS,
        maxRedirects: ATTACHMENT_REDIRECTS,
      });
    } catch (err) {
      if (err instanceof OutboundRefusedError) return { dropped: `not fetched, ${err.message}` };
      if (err instanceof OutboundTooLargeError) return { dropped: 'larger than 20 MB' };
      if (err instanceof OutboundUrlError) return { dropped: `not fetched, ${err.message}` };
      throw new Error(`Attachment ${url} could not be fetched: ${(err as Error).message}`);
    }
    if (!res.ok) throw new UnparseablePayloadError(`Attachment ${url} answered ${res.status}`);
    return { filename: name, contentType, content: res.body };
  }
}

function contactAddresses(ctx: OutboundContext): Record<string, string> {
  const key = ctx.recipient.kind === 'api' ? 'identifier' : ctx.recipient.kind;
  return { [key]: ctx.recipient.address };
}

function parseJson(body: Buffer): { id?: unknown } {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value && typeof value === 'object' ? (value as { id?: unknown }) : {};
  } catch {
    return {};
  }
}

function identitiesOf(contact: ApiChannelMessage['contact']): InboundIdentity[] {
  const identities: InboundIdentity[] = [];
  // The payload is signed by the channel's owner: its identifier is proven.
  if (contact.identifier)
    identities.push({ kind: 'api', address: contact.identifier, verified: true });
  if (contact.email) identities.push({ kind: 'email', address: contact.email });
  if (contact.phone) identities.push({ kind: 'phone', address: contact.phone });
  return identities;
}

/** A phone system's call: a `call` message whose text is the voicemail transcript, if any. */
function callOf(call: ApiChannelCall): NormalizedMessage {
  return {
    providerMessageId: `call:${call.id}`,
    contact: { identities: identitiesOf(call.contact), name: call.contact.name },
    text: call.transcript ?? '',
    attachments: [],
    call: {
      direction: call.direction,
      outcome: call.outcome,
      startedAt: call.startedAt ? new Date(call.startedAt).toISOString() : null,
      durationSeconds: call.outcome === 'answered' ? (call.durationSeconds ?? 0) : 0,
      from: call.from ?? null,
      to: call.to ?? null,
      recordingUrl: call.recordingUrl ?? null,
    },
  };
}
