import type { OutboundContext } from '../../channel-adapter';
import type { Channel } from '../../channel.entity';
import { sendInParts } from '../../reply-parts';
import { deliveryError, PROVIDER } from './meta-delivery-errors';
import { splitText } from './meta-text';
import type { MetaChannelKind } from './meta-webhook.splitter';

type File = OutboundContext['message']['attachments'][number];

/** One Meta message of a reply: a piece of its text, one of its files, or its template. */
export type ReplyPart =
  { kind: 'text'; text: string } | { kind: 'file'; file: File } | { kind: 'template' };

/** Texts first (split at the channel's limit), then each file. */
export function partsOf(
  text: string,
  files: readonly File[],
  limit: { max: number; measure: (s: string) => number },
): ReplyPart[] {
  return [
    ...splitText(text, limit).map((t) => ({ kind: 'text' as const, text: t })),
    ...files.map((file) => ({ kind: 'file' as const, file })),
  ];
}

/**
 * Sends the parts in order and answers Meta's ids. Meta has no idempotency key: once parts arrived,
 * a retry of the reply would send them again (see sendInParts).
 */
export function sendParts(
  parts: ReplyPart[],
  { kind, channel }: { kind: MetaChannelKind; channel: Channel },
  sendOne: (part: ReplyPart) => Promise<string>,
): Promise<string[]> {
  return sendInParts(parts, PROVIDER[kind], sendOne, (err) => deliveryError(err, kind, channel));
}
