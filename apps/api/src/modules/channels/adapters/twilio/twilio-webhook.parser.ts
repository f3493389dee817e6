import { createHash } from 'node:crypto';
import { normalizeAddress } from '../../../contacts/identity-address';
import {
  UnparseablePayloadError,
  type DeliveryUpdate,
  type InboundIdentity,
} from '../../channel-adapter';
import { twilioErrorWords } from './twilio-errors';
import type { TwilioParams } from './twilio-signature';

/** Twilio takes at most 10 media per message (MMS); WhatsApp sends one. */
export const MAX_INBOUND_MEDIA = 10;

/** How the customer wrote: `From` is `+E164` for SMS/MMS and `whatsapp:+E164` for WhatsApp. */
export type TwilioVia = 'sms' | 'whatsapp';

/** A file the customer sent, still at Twilio: fetched by the adapter. */
export interface TwilioMediaRef {
  /** `MediaUrl{N}`: the Media resource on Twilio's REST API. */
  url: string;
  /** `MediaContentType{N}` as Twilio announced it. */
  contentType: string;
  index: number;
}

/** The message the customer answered or reacted to, named by its Twilio SID. */
export type TwilioReference =
  { kind: 'reply'; sid: string } | { kind: 'reaction'; sid: string; emoji: string };

/** One customer message read from a webhook, before files are fetched and references looked up. */
export interface TwilioDraft {
  providerMessageId: string;
  via: TwilioVia;
  contact: { identities: InboundIdentity[]; name?: string };
  text: string;
  media: TwilioMediaRef[];
  reference?: TwilioReference;
}

export type TwilioReading =
  | { kind: 'message'; draft: TwilioDraft }
  | { kind: 'delivery'; update: DeliveryUpdate }
  | { kind: 'ignored'; reason: string }
  /** Not a Twilio messaging webhook we can store: kept as a failed event with the reason. */
  | { kind: 'invalid'; reason: string };

/** Statuses a status callback reports, in our words; the rest are ignored with the reason. */
const STATUS: Record<string, DeliveryUpdate['status']> = {
  accepted: 'sent',
  scheduled: 'sent',
  queued: 'sent',
  sending: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  undelivered: 'failed',
  canceled: 'failed',
};

/** `MessageStatus` values of a message we received: not news about one of our replies. */
const INBOUND_STATUSES = new Set(['received', 'receiving']);

const SID = /^[A-Za-z0-9]{2,64}$/;

/** A stored webhook delivery that is a form (its parameters by name). */
export const isForm = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** One parameter's value (the first, when the name came twice); strings only. */
export function param(params: Record<string, unknown>, name: string): string | undefined {
  if (!Object.hasOwn(params, name)) return undefined;
  const value = params[name];
  const first = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** A status callback reports a `MessageStatus` other than that of a received message. */
export function isStatusCallback(params: Record<string, unknown>): boolean {
  const status = param(params, 'MessageStatus');
  return Boolean(status) && !INBOUND_STATUSES.has(status!.toLowerCase());
}

/**
 * The key a webhook delivery is stored under, so a redelivery is a duplicate: the message's SID for
 * a customer's message, `status:<SID>:<status>` for each status of one of our replies, and the bytes
 * for anything without a SID.
 */
export function deliveryKey(params: TwilioParams, raw: Buffer | undefined): string {
  const sid = param(params, 'MessageSid') ?? param(params, 'SmsSid');
  if (sid && SID.test(sid))
    return isStatusCallback(params)
      ? `status:${sid}:${param(params, 'MessageStatus')!.toLowerCase().slice(0, 40)}`
      : sid;
  return `body:${createHash('sha256')
    .update(raw ?? '')
    .digest('hex')}`;
}

/**
 * Reads one stored webhook delivery: a customer's message (SMS, MMS, WhatsApp) or a status callback
 * about one of our replies. Pure: files are only named here, and the text of a message a reply or
 * reaction refers to is looked up by the adapter (see `completeDraft`).
 */
export function readTwilioWebhook(payload: unknown): TwilioReading {
  if (!isForm(payload))
    return { kind: 'invalid', reason: 'Not a Twilio webhook: no form parameters' };
  const sid = param(payload, 'MessageSid') ?? param(payload, 'SmsSid');
  if (!sid || !SID.test(sid))
    return { kind: 'invalid', reason: 'Not a Twilio messaging webhook: no MessageSid' };
  if (isStatusCallback(payload)) return readStatus(sid, payload);
  return readMessage(sid, payload);
}

/** `readTwilioWebhook` for the worker: what can never be stored is an UnparseablePayloadError. */
export function parseTwilioWebhook(payload: unknown): Exclude<TwilioReading, { kind: 'invalid' }> {
  const reading = readTwilioWebhook(payload);
  if (reading.kind === 'invalid') throw new UnparseablePayloadError(reading.reason);
  return reading;
}

function readStatus(sid: string, p: Record<string, unknown>): TwilioReading {
  const reported = param(p, 'MessageStatus')!.toLowerCase();
  // Own keys only: a status named `constructor` or `__proto__` is none of ours.
  const status = Object.hasOwn(STATUS, reported) ? STATUS[reported] : undefined;
  if (!status)
    return {
      kind: 'ignored',
      reason: `Twilio status '${reported.slice(0, 40)}' says nothing about delivery`,
    };
  const update: DeliveryUpdate = { providerMessageId: sid, status };
  if (status === 'failed') update.error = failureWords(reported, p);
  return { kind: 'delivery', update };
}

function failureWords(reported: string, p: Record<string, unknown>): string {
  const code = param(p, 'ErrorCode');
  if (code?.trim()) return twilioErrorWords(code, param(p, 'ErrorMessage'));
  if (reported === 'canceled') return 'The message was canceled before Twilio sent it';
  if (reported === 'undelivered') return 'Twilio could not deliver the message (undelivered)';
  return 'Twilio reported that sending the message failed';
}

function readMessage(sid: string, p: Record<string, unknown>): TwilioReading {
  const from = param(p, 'From')?.trim();
  if (!from) return { kind: 'invalid', reason: 'Twilio message without a sender (From)' };
  const prefix = /^([a-z]+):/i.exec(from)?.[1]?.toLowerCase();
  if (prefix && prefix !== 'whatsapp')
    return {
      kind: 'invalid',
      reason: `Twilio ${prefix} messages are not supported, only SMS, MMS and WhatsApp (From ${from.slice(0, 80)})`,
    };
  const via: TwilioVia = prefix ? 'whatsapp' : 'sms';
  const number = normalizeAddress(via === 'whatsapp' ? 'whatsapp' : 'phone', from);
  if (!number)
    return {
      kind: 'invalid',
      reason: `Twilio sender ${from.slice(0, 80)} is not a phone number Touchpoint can answer`,
    };

  const media = mediaOf(p);
  const reference = referenceOf(p);
  return {
    kind: 'message',
    draft: {
      providerMessageId: sid,
      via,
      contact: contactOf(via, number, param(p, 'ProfileName')),
      text: textOf(p, media, reference),
      media,
      ...(reference && { reference }),
    },
  };
}

/**
 * The sender's identities. Twilio proves the number (the request is signed with the account's Auth
 * Token). A WhatsApp id is the phone number, so a WhatsApp sender gets a `phone` identity too: the same
 * person writing by SMS, by WhatsApp through Twilio or through WhatsApp Cloud is one contact.
 */
function contactOf(via: TwilioVia, number: string, profileName?: string): TwilioDraft['contact'] {
  const identities: InboundIdentity[] =
    via === 'whatsapp'
      ? [
          { kind: 'whatsapp', address: number, verified: true },
          { kind: 'phone', address: number, verified: true },
        ]
      : [{ kind: 'phone', address: number, verified: true }];
  const name = profileName?.replace(/\s+/g, ' ').trim();
  return { identities, ...(name && { name }) };
}

function mediaOf(p: Record<string, unknown>): TwilioMediaRef[] {
  const announced = Number.parseInt(param(p, 'NumMedia') ?? '0', 10);
  const count = Number.isFinite(announced)
    ? Math.min(Math.max(announced, 0), MAX_INBOUND_MEDIA)
    : 0;
  const media: TwilioMediaRef[] = [];
  for (let index = 0; index < count; index++) {
    const url = param(p, `MediaUrl${index}`)?.trim();
    if (!url) continue;
    const type = param(p, `MediaContentType${index}`)?.trim().toLowerCase();
    media.push({
      url,
      contentType: type && /^[\w.+-]+\/[\w.+-]+$/.test(type) ? type : 'application/octet-stream',
      index,
    });
  }
  return media;
}

function referenceOf(p: Record<string, unknown>): TwilioReference | undefined {
  const sid = param(p, 'OriginalRepliedMessageSid')?.trim();
  const type = param(p, 'MessageType')?.toLowerCase();
  if (type === 'reaction')
    return {
      kind: 'reaction',
      sid: sid && SID.test(sid) ? sid : '',
      emoji: param(p, 'Body') ?? '',
    };
  return sid && SID.test(sid) ? { kind: 'reply', sid } : undefined;
}

/** The message in words: its text, or what it carries (a place, a button, files), never nothing. */
function textOf(
  p: Record<string, unknown>,
  media: TwilioMediaRef[],
  reference: TwilioReference | undefined,
): string {
  const body = param(p, 'Body') ?? '';
  const lines: string[] = [];
  if (param(p, 'FrequentlyForwarded') === 'true') lines.push('[Forwarded many times]');
  else if (param(p, 'Forwarded') === 'true') lines.push('[Forwarded]');

  const place = locationOf(p);
  const button = param(p, 'ButtonText')?.trim();
  if (reference?.kind === 'reaction') {
    // Completed with the text of the message reacted to (completeDraft).
  } else if (place) {
    lines.push(place);
    const label = [param(p, 'Label'), param(p, 'Address')];
    if (body.trim() && !label.includes(body)) lines.push(body);
  } else if (button) {
    const payload = param(p, 'ButtonPayload')?.trim();
    lines.push(`[Button] ${button}`);
    if (payload && payload !== button) lines.push(`(payload: ${payload})`);
    if (body.trim() && body.trim() !== button) lines.push(body);
  } else if (body.trim()) {
    lines.push(body);
  } else if (media.length) {
    lines.push(media.map((m) => mediaLabel(m.contentType)).join(' '));
  } else {
    const type = param(p, 'MessageType')?.trim();
    lines.push(
      type
        ? `[Twilio: message of type '${type.slice(0, 40)}' without text or files]`
        : '[Twilio: message without text or files]',
    );
  }

  const ad = [param(p, 'ReferralHeadline'), param(p, 'ReferralBody')].find((v) => v?.trim());
  const adUrl = param(p, 'ReferralSourceUrl')?.trim();
  if (ad || adUrl)
    lines.push(`[Came from an ad${ad ? `: ${ad.trim()}` : ''}]${adUrl ? ` ${adUrl}` : ''}`);
  return lines.join('\n');
}

/** A shared WhatsApp location with its label and address, and a map link. */
function locationOf(p: Record<string, unknown>): string | undefined {
  const latitude = Number(param(p, 'Latitude'));
  const longitude = Number(param(p, 'Longitude'));
  if (
    !param(p, 'Latitude')?.trim() ||
    !param(p, 'Longitude')?.trim() ||
    !Number.isFinite(latitude) ||
    !Number.isFinite(longitude) ||
    Math.abs(latitude) > 90 ||
    Math.abs(longitude) > 180
  )
    return undefined;
  const label = param(p, 'Label')?.trim();
  const address = param(p, 'Address')?.trim();
  return [
    label ? `[Location] ${label}` : '[Location]',
    address,
    `${latitude}, ${longitude}`,
    `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`,
  ]
    .filter(Boolean)
    .join('\n');
}

function mediaLabel(contentType: string): string {
  const [type, subtype] = contentType.split('/');
  if (type === 'image') return subtype === 'webp' ? '[Sticker]' : '[Image]';
  if (type === 'audio') return '[Audio]';
  if (type === 'video') return '[Video]';
  if (/vcard/.test(subtype ?? '')) return '[Contact card]';
  return '[File]';
}

/**
 * The final text and quoted history once the referred message's text is known (`earlier`, or
 * undefined when it is not stored here): a reply quotes it, a reaction says what it is about.
 */
export function completeDraft(
  draft: TwilioDraft,
  earlier: string | undefined,
): { text: string; quoted?: string } {
  const ref = draft.reference;
  if (!ref) return { text: draft.text };
  if (ref.kind === 'reply') return { text: draft.text, ...(earlier && { quoted: earlier }) };
  const target = earlier ? `"${excerpt(earlier)}"` : 'an earlier message';
  const emoji = ref.emoji.trim();
  const reaction = emoji ? `[Reaction] ${emoji} to ${target}` : `[Reaction removed] from ${target}`;
  return {
    text: [draft.text, reaction].filter(Boolean).join('\n'),
    ...(earlier && { quoted: earlier }),
  };
}

function excerpt(text: string, max = 80): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}
