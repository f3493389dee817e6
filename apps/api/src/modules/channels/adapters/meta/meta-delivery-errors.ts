import {
  OutboundRefusedError,
  OutboundTooLargeError,
  OutboundUrlError,
} from '../../../../core/net/outbound.errors';
import { PermanentDeliveryError, RetryLaterError } from '../../channel-adapter';
import type { Channel } from '../../channel.entity';
import { GraphApiError, GraphUnreachableError } from './graph-api.client';
import type { MetaChannelKind } from './meta-webhook.splitter';

export const PROVIDER: Record<MetaChannelKind, string> = {
  whatsapp: 'WhatsApp',
  messenger: 'Messenger',
  instagram: 'Instagram',
};

/** Graph error codes that mean "slow down": the reply waits and is sent again. */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80007, 130429, 131056]);
/** Meta's own trouble, not the message's: tried again with backoff. */
const TRANSIENT_CODES = new Set([1, 2, 1200, 131000, 131016]);

/**
 * WhatsApp's error codes (send answers and failed statuses) in words an agent can act on. Codes not
 * listed fall back to Meta's title, naming the code.
 */
const WHATSAPP_WORDS: Record<number, string> = {
  131047:
    'More than 24 hours since the customer last wrote: outside the 24-hour window, send an approved template (131047)',
  131026:
    'WhatsApp could not deliver the message (131026): the number may not use WhatsApp, may run an old WhatsApp version or has not accepted its latest terms',
  131051: 'WhatsApp does not support this type of message (131051)',
  131052: 'WhatsApp could not download the media of this message (131052)',
  131053: 'WhatsApp could not take the file of this message (131053): check its type and size',
  131048:
    'WhatsApp limits this number because customers reported or blocked it (131048): send fewer messages for a while',
  131049:
    'WhatsApp chose not to deliver this marketing message, to keep the customer engaged (131049): try later or another way',
  131050: 'The customer stopped marketing messages from this business (131050)',
  131021: 'The recipient is this WhatsApp number itself (131021)',
  131031:
    'The WhatsApp Business account is locked (131031): an admin must check it in WhatsApp Manager',
  131042:
    'The WhatsApp Business account has a payment problem (131042): an admin must check its payment method in WhatsApp Manager',
  131045:
    'This phone number is not certified for WhatsApp (131045): an admin must register it again',
  131057: 'The WhatsApp Business account is in maintenance mode (131057): try again later',
  133010:
    'This phone number is not registered with the WhatsApp Cloud API (133010): an admin must register it in WhatsApp Manager',
  130429: 'WhatsApp asks this number to send more slowly (130429)',
  131056:
    'Too many messages to this customer in a short time (131056): wait a moment before sending more',
  80007: 'The WhatsApp Business account reached its rate limit (80007)',
  132000:
    "The template's variables do not match its approved text (132000): give as many values as it has {{n}} placeholders",
  132001:
    'This template does not exist in this language, or is not approved yet (132001): check its name and language in the channel settings',
  132005: 'The template is too long once its variables are filled in (132005)',
  132007: 'The template breaks WhatsApp’s format rules (132007)',
  132012: "A template variable has the wrong format for the template's approved text (132012)",
  132015: 'This template is paused for low quality (132015): use another template',
  132016: 'This template is disabled for low quality (132016): use another template',
};

/** A failed WhatsApp status's errors (`statuses[].errors`) in words. */
export function whatsappFailureWords(errors: unknown): string {
  const list = Array.isArray(errors) ? errors : [];
  const words = list
    .map((e) => (e && typeof e === 'object' ? (e as Record<string, unknown>) : {}))
    .map((e) =>
      whatsappCodeWords(
        typeof e.code === 'number' ? e.code : undefined,
        [e.title, (e.error_data as { details?: unknown } | undefined)?.details, e.message].find(
          (w): w is string => typeof w === 'string' && w.length > 0,
        ),
      ),
    );
  return words.length ? words.join('; ') : 'WhatsApp reported that the message failed';
}

/** One WhatsApp error code in words; unknown codes keep Meta's own title and name the code. */
export function whatsappCodeWords(code: number | undefined, title: string | undefined): string {
  if (code !== undefined && WHATSAPP_WORDS[code]) return WHATSAPP_WORDS[code];
  if (code !== undefined && code >= 132000 && code < 133000)
    return `The template could not be sent (${code}): ${title ?? 'template problem'}`;
  return `WhatsApp could not send the message${code !== undefined ? ` (${code})` : ''}${title ? `: ${title}` : ''}`;
}

/**
 * A failed send in words an agent can act on: RetryLaterError when Meta asks to slow down or is
 * briefly away, a plain Error (retried with backoff) for Meta's passing trouble and outages, and
 * PermanentDeliveryError when retrying cannot help.
 */
export function deliveryError(err: unknown, kind: MetaChannelKind, channel: Channel): Error {
  const provider = PROVIDER[kind];
  if (err instanceof PermanentDeliveryError || err instanceof RetryLaterError) return err;
  if (err instanceof OutboundRefusedError || err instanceof OutboundUrlError)
    return new PermanentDeliveryError(`The Graph API address is refused: ${err.message}`);
  // The answer was cut off: Meta may have taken the message, so it is not sent again.
  if (err instanceof OutboundTooLargeError)
    return new PermanentDeliveryError(`Meta's answer was too large: ${err.message}`);
  if (err instanceof GraphUnreachableError) return new Error(err.message);
  if (!(err instanceof GraphApiError)) return err instanceof Error ? err : new Error(String(err));

  const { status, code, subcode, detail } = err;
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code)))
    return new RetryLaterError(
      code !== undefined && WHATSAPP_WORDS[code] && kind === 'whatsapp'
        ? WHATSAPP_WORDS[code]
        : `${provider} asks to send more slowly${code !== undefined ? ` (${code})` : ''}: ${detail}`,
      err.retryAfterMs,
    );
  if (code === 190 || status === 401)
    return new PermanentDeliveryError(
      `Meta does not accept the access token of channel "${channel.name}" (${detail}): an admin must renew the token in the channel settings`,
    );
  if (status >= 500 || (code !== undefined && TRANSIENT_CODES.has(code)))
    return status >= 500
      ? new RetryLaterError(`${provider} is unavailable (${status}): ${detail}`, err.retryAfterMs)
      : new Error(`${provider} had a passing problem (${code}): ${detail}`);
  if (code === 10 || (code !== undefined && code >= 200 && code < 300)) {
    if (subcode === 2018278 || subcode === 2534022)
      return new PermanentDeliveryError(
        `Outside ${provider}'s messaging window: a reply is possible within 24 hours of the customer's last message, and up to 7 days only if the Meta app has the Human Agent permission`,
      );
    return new PermanentDeliveryError(
      `The access token of channel "${channel.name}" lacks a permission (${code}): ${detail}. An admin must grant it in the Meta app`,
    );
  }
  if (kind === 'whatsapp' && code !== undefined && code >= 130000)
    return new PermanentDeliveryError(whatsappCodeWords(code, detail));
  if (code === 551 || subcode === 1545041)
    return new PermanentDeliveryError(
      `The customer cannot be reached on ${provider} right now (551): they may have blocked the account or deleted theirs`,
    );
  if (code === 100 && (subcode === 2018001 || subcode === 2534014))
    return new PermanentDeliveryError(
      `${provider} does not know this customer for this account (${code}): they may have deleted the conversation, or the id belongs to another page`,
    );
  return new PermanentDeliveryError(
    `${provider} refused the message (${[code, subcode].filter((c) => c !== undefined).join('/') || status}): ${detail}`,
  );
}
