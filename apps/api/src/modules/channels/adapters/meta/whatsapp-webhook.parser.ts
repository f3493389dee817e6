import type { DeliveryUpdate, InboundIdentity } from '../../channel-adapter';
import { normalizeAddress } from '../../../contacts/identity-address';
import { whatsappFailureWords } from './meta-delivery-errors';
import {
  arrayOf,
  dateOf,
  excerpt,
  isObject,
  nameOf,
  numberOf,
  objectOf,
  storableId,
  stringOf,
  textOf,
  type Json,
} from './meta-json';
import { META_OBJECTS } from './meta-webhook.splitter';

/** A file of a WhatsApp message, still at Meta: fetched by the adapter (media id, then download). */
export interface WhatsappMediaRef {
  mediaId: string;
  filename: string;
  contentType: string;
}

/** A message this one refers to: its text makes a reply or a reaction readable. */
export type WhatsappReference =
  | { kind: 'reply'; messageId: string }
  | { kind: 'reaction'; messageId: string; emoji: string | null };

/** One customer message read from a webhook, before its file is fetched and its reference looked up. */
export interface WhatsappDraft {
  providerMessageId: string;
  contact: { identities: InboundIdentity[]; name?: string };
  text: string;
  media?: WhatsappMediaRef;
  reference?: WhatsappReference;
  sentAt?: Date;
}

export type WhatsappReading =
  | { kind: 'messages'; drafts: WhatsappDraft[] }
  | { kind: 'delivery'; updates: DeliveryUpdate[] }
  | { kind: 'ignored'; reason: string }
  /** Not something a WhatsApp webhook sends: kept as a failed event with the reason. */
  | { kind: 'invalid'; reason: string };

const STATUSES: Record<string, DeliveryUpdate['status']> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  // A voice message played was heard, which says more than read.
  played: 'read',
  failed: 'failed',
};

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'application/pdf': 'pdf',
};

/**
 * Reads one stored WhatsApp Cloud API webhook body (as split at the webhook: one message or status,
 * but any number is read). Pure and total: any input gives a reading, never an exception. Files are
 * only named here; the adapter fetches them and looks up the messages a reply or reaction names.
 */
export function readWhatsappWebhook(payload: unknown, phoneNumberId: string): WhatsappReading {
  if (!isObject(payload) || !Array.isArray(payload.entry))
    return { kind: 'invalid', reason: 'Not a WhatsApp webhook: no entry list' };
  if (payload.object !== META_OBJECTS.whatsapp)
    return {
      kind: 'ignored',
      reason: `A webhook for '${nameOf(payload.object)}', not WhatsApp: point that product's callback URL at a channel of its kind`,
    };
  const drafts: WhatsappDraft[] = [];
  const updates: DeliveryUpdate[] = [];
  const skipped: string[] = [];
  for (const entry of payload.entry.map(objectOf)) {
    for (const change of arrayOf(entry.changes).map(objectOf)) {
      const field = stringOf(change.field) ?? 'unknown';
      const value = objectOf(change.value);
      const messages = arrayOf(value.messages);
      const statuses = arrayOf(value.statuses);
      if (field !== 'messages' || (!messages.length && !statuses.length)) {
        skipped.push(changeNotice(field, value));
        continue;
      }
      const numberId = stringOf(objectOf(value.metadata).phone_number_id);
      if (numberId && numberId !== phoneNumberId) {
        skipped.push(
          `For WhatsApp phone number id ${numberId}, not this channel's (${phoneNumberId}): add a WhatsApp channel for that number`,
        );
        continue;
      }
      for (const raw of messages) {
        const draft = readMessage(objectOf(raw), arrayOf(value.contacts).map(objectOf));
        if ('invalid' in draft) return { kind: 'invalid', reason: draft.invalid };
        drafts.push(draft);
      }
      for (const raw of statuses) {
        const update = readStatus(objectOf(raw));
        if ('skipped' in update) skipped.push(update.skipped);
        else updates.push(update);
      }
    }
  }
  if (drafts.length && updates.length)
    return {
      kind: 'invalid',
      reason: 'Mixes customer messages and statuses (the webhook stores them apart)',
    };
  if (drafts.length) return { kind: 'messages', drafts };
  if (updates.length) return { kind: 'delivery', updates };
  return { kind: 'ignored', reason: skipped.join('; ') || 'An empty WhatsApp webhook' };
}

/**
 * The final text and quoted history once the referred message's text is known (`earlier`, or
 * undefined when it is not stored here): a reply quotes it, a reaction names it.
 */
export function completeWhatsappDraft(
  draft: WhatsappDraft,
  earlier: string | undefined,
): { text: string; quoted?: string } {
  const ref = draft.reference;
  if (!ref) return { text: draft.text };
  if (ref.kind === 'reply') return { text: draft.text, ...(earlier && { quoted: earlier }) };
  const target = earlier ? `"${excerpt(earlier)}"` : 'an earlier message';
  return {
    text: ref.emoji ? `[Reaction] ${ref.emoji} to ${target}` : `[Reaction removed] from ${target}`,
    ...(earlier && { quoted: earlier }),
  };
}

function readMessage(m: Json, contacts: Json[]): WhatsappDraft | { invalid: string } {
  const id = stringOf(m.id);
  const from = stringOf(m.from);
  if (!id || !from) return { invalid: 'A WhatsApp message without id or sender (from)' };
  const e164 = normalizeAddress('whatsapp', from);
  if (!e164) return { invalid: `The WhatsApp sender ${from} is not a phone number` };
  const profile =
    contacts.find((c) => stringOf(c.wa_id) === from) ?? (contacts.length === 1 ? contacts[0] : {});
  const name = textOf(objectOf(profile.profile).name)?.trim();
  // The sender's number is proven by WhatsApp (the webhook is signed): the same number on SMS is
  // the same person, so both identities go on one contact.
  const identities: InboundIdentity[] = [
    { kind: 'whatsapp', address: e164, verified: true },
    { kind: 'phone', address: e164, verified: true },
  ];
  const type = stringOf(m.type) ?? 'unknown';
  const content = contentOf(m, type, id);
  const context = objectOf(m.context);
  const repliedTo = stringOf(context.id);
  const forwarded =
    context.frequently_forwarded === true
      ? '[Forwarded many times]'
      : context.forwarded === true
        ? '[Forwarded]'
        : undefined;
  const text = [forwarded, content.text, referralOf(m.referral), errorsOf(m.errors)]
    .filter(Boolean)
    .join('\n');
  const sentAt = dateOf(m.timestamp, 'seconds');
  return {
    providerMessageId: storableId(id),
    contact: { identities, ...(name && { name }) },
    text,
    ...(content.media && { media: content.media }),
    ...(content.reference
      ? { reference: content.reference }
      : repliedTo && { reference: { kind: 'reply' as const, messageId: repliedTo } }),
    ...(sentAt && { sentAt }),
  };
}

interface Content {
  text: string;
  media?: WhatsappMediaRef;
  reference?: WhatsappReference;
}

function contentOf(m: Json, type: string, messageId: string): Content {
  const part = objectOf(m[type]);
  const caption = textOf(part.caption)?.trim() ? textOf(part.caption) : undefined;
  const withMedia = (label: string, prefix: string): Content => {
    const media = mediaOf(part, prefix, messageId);
    return { text: caption ?? label, ...(media && { media }) };
  };
  switch (type) {
    case 'text':
      return { text: textOf(part.body) ?? '' };
    case 'image':
      return withMedia('[Photo]', 'photo');
    case 'video':
      return withMedia('[Video]', 'video');
    case 'audio':
      return withMedia(part.voice === true ? '[Voice message]' : '[Audio]', 'audio');
    case 'sticker':
      return withMedia(part.animated === true ? '[Animated sticker]' : '[Sticker]', 'sticker');
    case 'document': {
      const filename = textOf(part.filename);
      return withMedia(filename ? `[File: ${filename}]` : '[File]', 'file');
    }
    case 'location':
      return { text: locationText(part) };
    case 'contacts':
      return {
        text: arrayOf(m.contacts).map(objectOf).map(contactCardText).join('\n') || '[Contact]',
      };
    case 'interactive':
      return { text: interactiveText(part) };
    case 'button':
      return { text: `[Button] ${textOf(part.text) ?? textOf(part.payload) ?? ''}`.trim() };
    case 'reaction': {
      const target = stringOf(part.message_id);
      const emoji = textOf(part.emoji) || null;
      if (!target) return { text: emoji ? `[Reaction] ${emoji}` : '[Reaction removed]' };
      return { text: '', reference: { kind: 'reaction', messageId: target, emoji } };
    }
    case 'order':
      return { text: orderText(part) };
    case 'system':
      return { text: `[System] ${textOf(part.body) ?? textOf(part.type) ?? ''}`.trim() };
    default: {
      const placeholder = `[WhatsApp: unsupported message type '${type}']`;
      return { text: caption ? `${placeholder}\n${caption}` : placeholder };
    }
  }
}

function mediaOf(part: Json, prefix: string, messageId: string): WhatsappMediaRef | undefined {
  const mediaId = stringOf(part.id);
  if (!mediaId) return undefined;
  const contentType = (stringOf(part.mime_type) ?? 'application/octet-stream')
    .split(';')[0]
    .trim()
    .toLowerCase();
  const given = textOf(part.filename)?.trim();
  const suffix = messageId.replace(/[^A-Za-z0-9]/g, '').slice(-12) || mediaId;
  return {
    mediaId,
    contentType,
    filename: given || `${prefix}-${suffix}.${EXTENSIONS[contentType] ?? 'bin'}`,
  };
}

function locationText(part: Json): string {
  const lat = numberOf(part.latitude);
  const lon = numberOf(part.longitude);
  const place = [textOf(part.name), textOf(part.address)].filter(Boolean).join(', ');
  const link =
    textOf(part.url) ||
    (lat !== undefined && lon !== undefined
      ? `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`
      : '');
  return [
    `[Location]${place ? ` ${place}` : ''}`,
    lat !== undefined && lon !== undefined ? `${lat}, ${lon}` : '',
    link,
  ]
    .filter(Boolean)
    .join('\n');
}

function contactCardText(card: Json): string {
  const name = objectOf(card.name);
  const fullName =
    textOf(name.formatted_name) ??
    [textOf(name.first_name), textOf(name.last_name)].filter(Boolean).join(' ');
  const phones = arrayOf(card.phones).map((p) => textOf(objectOf(p).phone));
  const emails = arrayOf(card.emails).map((e) => textOf(objectOf(e).email));
  const org = textOf(objectOf(card.org).company);
  return `[Contact] ${[fullName, org, ...phones, ...emails].filter(Boolean).join(', ')}`.trim();
}

function interactiveText(part: Json): string {
  const type = stringOf(part.type) ?? 'unknown';
  const reply = objectOf(part[type]);
  const title = textOf(reply.title) ?? textOf(reply.id) ?? '';
  if (type === 'button_reply') return `[Button] ${title}`.trim();
  if (type === 'list_reply') {
    const description = textOf(reply.description);
    return `[List choice] ${title}${description ? ` – ${description}` : ''}`.trim();
  }
  if (type === 'nfm_reply') {
    // A WhatsApp Flow's answers arrive as a JSON string: shown field by field.
    let answers: string[] = [];
    try {
      const parsed: unknown = JSON.parse(textOf(reply.response_json) ?? '');
      answers = Object.entries(objectOf(parsed))
        .filter(([key]) => key !== 'flow_token')
        .map(
          ([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
        );
    } catch {
      answers = [];
    }
    return [
      `[Form reply] ${textOf(reply.body) ?? textOf(reply.name) ?? ''}`.trim(),
      ...answers,
    ].join('\n');
  }
  return `[WhatsApp: unsupported interactive reply '${type}']${title ? ` ${title}` : ''}`;
}

function orderText(part: Json): string {
  const items = arrayOf(part.product_items)
    .map(objectOf)
    .map((item) => {
      const price = [stringOf(item.item_price), stringOf(item.currency)].filter(Boolean).join(' ');
      return `- ${stringOf(item.quantity) ?? '1'} × ${stringOf(item.product_retailer_id) ?? 'product'}${price ? ` (${price})` : ''}`;
    });
  return [
    `[Order] ${items.length} item${items.length === 1 ? '' : 's'}`,
    ...items,
    textOf(part.text),
  ]
    .filter(Boolean)
    .join('\n');
}

/** Where a customer came from when they wrote from an ad or a post (click-to-WhatsApp). */
function referralOf(referral: unknown): string | undefined {
  if (!isObject(referral)) return undefined;
  const headline = textOf(referral.headline) ?? textOf(referral.body);
  const source = stringOf(referral.source_url);
  return [
    `[From ${stringOf(referral.source_type) ?? 'an ad'}${headline ? `: ${headline}` : ''}]`,
    source,
  ]
    .filter(Boolean)
    .join(' ');
}

/** Errors WhatsApp attaches to a message it could not fully hand over (e.g. an unsupported type). */
function errorsOf(errors: unknown): string | undefined {
  if (!arrayOf(errors).length) return undefined;
  return `[WhatsApp: ${whatsappFailureWords(errors)}]`;
}

function readStatus(s: Json): DeliveryUpdate | { skipped: string } {
  const id = stringOf(s.id);
  const name = stringOf(s.status) ?? 'unknown';
  // Own keys only: a status named `constructor` or `__proto__` is none of ours.
  const status = Object.hasOwn(STATUSES, name) ? STATUSES[name] : undefined;
  if (!id) return { skipped: 'A WhatsApp status without a message id' };
  if (!status) return { skipped: `WhatsApp status '${name}' says nothing about delivery` };
  return {
    providerMessageId: id,
    status,
    ...(status === 'failed' && { error: whatsappFailureWords(s.errors) }),
  };
}

function changeNotice(field: string, value: Json): string {
  if (field === 'messages') {
    const errors = arrayOf(value.errors);
    return errors.length
      ? `WhatsApp reported a problem: ${whatsappFailureWords(errors)}`
      : 'A WhatsApp messages webhook without messages or statuses';
  }
  return `WhatsApp webhook field '${field}' is not a customer message`;
}
