import { PermanentDeliveryError, RetryLaterError } from './channel-adapter';

/**
 * The longest pause waited out inside one send once parts of a reply have arrived: retrying the
 * whole reply later would deliver those parts again.
 */
const MAX_PAUSE_MS = 10_000;
/** The pause when a provider asks to slow down without saying how long. */
const DEFAULT_PAUSE_MS = 2000;

/**
 * Sends a reply that goes out as several provider messages (long texts, files), in order, for
 * providers without an idempotency key; answers the provider's ids. Before the first part arrives, a
 * failure is the provider's own, classified by `classify` (the job retries or fails the reply). Once
 * parts have arrived, one short pause the provider asks for (RetryLaterError) is waited out here;
 * any other failure ends the reply, saying what arrived.
 */
export async function sendInParts<P>(
  parts: readonly P[],
  provider: string,
  sendOne: (part: P) => Promise<string>,
  classify: (err: unknown) => Error,
): Promise<string[]> {
  if (!parts.length) throw new PermanentDeliveryError('The reply has neither text nor files');
  const ids: string[] = [];
  const partial = (error: Error) =>
    new PermanentDeliveryError(
      `${provider} took ${ids.length} of ${parts.length} parts of this reply, then: ${error.message}. Send the rest as a new reply.`,
    );
  for (const part of parts) {
    try {
      ids.push(await sendOne(part));
    } catch (err) {
      const error = classify(err);
      if (!ids.length) throw error;
      const pause = error instanceof RetryLaterError ? (error.retryAfterMs ?? DEFAULT_PAUSE_MS) : 0;
      if (!pause || pause > MAX_PAUSE_MS) throw partial(error);
      await new Promise((resolve) => setTimeout(resolve, pause));
      try {
        ids.push(await sendOne(part));
      } catch (again) {
        throw partial(classify(again));
      }
    }
  }
  return ids;
}
