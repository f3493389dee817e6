import {
  PermanentDeliveryError,
  RetryLaterError,
  type OutboundContext,
} from '../../channel-adapter';
import type { Channel } from '../../channel.entity';
import { deliveryError, PROVIDER } from './meta-delivery-errors';
import { splitText } from './meta-text';
import type { MetaChannelKind } from './meta-webhook.splitter';

type File = OutboundContext['message']['attachments'][number];

/** One Meta message of a reply: a piece of its text, one of its files, or its template. */
export type ReplyPart =
  { kind: 'text'; text: string } | { kind: 'file'; file: File } | { kind: 'template' };

/**
 * The longest pause waited out inside one send, once parts of the reply have arrived: a retry of the
 * whole reply would deliver those parts again.
 */
const MAX_PAUSE_MS = 10_000;
/** The pause when Meta asks to slow down without saying how long. */
const DEFAULT_PAUSE_MS = 2000;

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
 * a retry of the reply would send them again, so a later failure ends the reply saying what arrived
 * (after one short pause when Meta only asked to slow down).
 */
export async function sendParts(
  parts: ReplyPart[],
  { kind, channel }: { kind: MetaChannelKind; channel: Channel },
  sendOne: (part: ReplyPart) => Promise<string>,
): Promise<string[]> {
  const provider = PROVIDER[kind];
  const ids: string[] = [];
  for (const part of parts) {
    try {
      ids.push(await sendOne(part));
    } catch (err) {
      const error = deliveryError(err, kind, channel);
      if (!ids.length) throw error;
      if (error instanceof RetryLaterError && (error.retryAfterMs ?? 0) <= MAX_PAUSE_MS) {
        await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs ?? DEFAULT_PAUSE_MS));
        try {
          ids.push(await sendOne(part));
          continue;
        } catch (again) {
          throw partial(deliveryError(again, kind, channel), provider, ids.length, parts.length);
        }
      }
      throw partial(error, provider, ids.length, parts.length);
    }
  }
  return ids;
}

function partial(error: Error, provider: string, delivered: number, of: number): Error {
  return new PermanentDeliveryError(
    `${provider} took ${delivered} of ${of} parts of this reply, then: ${error.message}. Send the rest as a new reply.`,
  );
}
