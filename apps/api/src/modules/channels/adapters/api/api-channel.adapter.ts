import { Injectable } from '@nestjs/common';
import { apiChannelMessageSchema, type ChannelConfig } from '@touchpoint/shared';
import { InboundEvent } from '../../../inbound/inbound-event.entity';
import {
  PermanentDeliveryError,
  RegisterChannelAdapter,
  UnparseablePayloadError,
  type ChannelAdapter,
  type InboundAttachment,
  type InboundIdentity,
  type OutboundContext,
  type ParseResult,
  type SendResult,
} from '../../channel-adapter';
import type { Channel } from '../../channel.entity';
import { sign, SIGNATURE_HEADER } from './api-signature';

const FETCH_TIMEOUT_MS = 10_000;
const ATTACHMENT_LIMIT_BYTES = 20 * 1024 * 1024;

/**
 * The generic API channel for custom sources: signed JSON in, signed JSON replies POSTed to the
 * channel's callback URL.
 */
@Injectable()
@RegisterChannelAdapter()
export class ApiChannelAdapter implements ChannelAdapter {
  readonly kind = 'api' as const;
  readonly reaches = ['api', 'email', 'phone'] as const;

  async parse(event: InboundEvent): Promise<ParseResult> {
    const parsed = apiChannelMessageSchema.safeParse(event.payload);
    if (!parsed.success) {
      throw new UnparseablePayloadError(
        parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '),
      );
    }
    const body = parsed.data;
    const identities: InboundIdentity[] = [];
    // The payload is signed by the channel's owner: its identifier is proven.
    if (body.contact.identifier)
      identities.push({ kind: 'api', address: body.contact.identifier, verified: true });
    if (body.contact.email) identities.push({ kind: 'email', address: body.contact.email });
    if (body.contact.phone) identities.push({ kind: 'phone', address: body.contact.phone });
    const attachments: InboundAttachment[] = [];
    for (const a of body.attachments ?? [])
      attachments.push(await download(a.url, a.name, a.contentType));
    return {
      kind: 'messages',
      messages: [
        {
          providerMessageId: body.id,
          contact: { identities, name: body.contact.name },
          text: body.text,
          attachments,
        },
      ],
    };
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
    });
    let res: Response;
    try {
      res = await fetch(config.callbackUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: sign(body, config.secret),
          'user-agent': 'Touchpoint',
        },
        body,
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
    } catch (err) {
      throw new Error(`Callback ${config.callbackUrl} unreachable: ${(err as Error).message}`);
    }
    if (!res.ok) {
      const detail = `Callback answered ${res.status} ${res.statusText}`;
      // Client errors will not change on retry, except timeouts and rate limits.
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429)
        throw new PermanentDeliveryError(detail);
      throw new Error(detail);
    }
    const answer = (await res.json().catch(() => ({}))) as { id?: unknown };
    return {
      providerMessageId: typeof answer.id === 'string' && answer.id ? answer.id : ctx.message.id,
    };
  }
}

function contactAddresses(ctx: OutboundContext): Record<string, string> {
  const key = ctx.recipient.kind === 'api' ? 'identifier' : ctx.recipient.kind;
  return { [key]: ctx.recipient.address };
}

async function download(
  url: string,
  name: string,
  contentType: string,
): Promise<InboundAttachment> {
  const res = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) }).catch(
    (err: Error) => {
      throw new Error(`Attachment ${url} could not be fetched: ${err.message}`);
    },
  );
  if (!res.ok) throw new UnparseablePayloadError(`Attachment ${url} answered ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > ATTACHMENT_LIMIT_BYTES)
    throw new UnparseablePayloadError(`Attachment ${url} is larger than 20 MB`);
  const content = Buffer.from(await res.arrayBuffer());
  if (content.length > ATTACHMENT_LIMIT_BYTES)
    throw new UnparseablePayloadError(`Attachment ${url} is larger than 20 MB`);
  return { filename: name, contentType, content };
}
