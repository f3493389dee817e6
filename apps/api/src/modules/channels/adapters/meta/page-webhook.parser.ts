import type { InboundIdentity } from '../../channel-adapter';
import { normalizeAddress } from '../../../contacts/identity-address';
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

/** Messenger and Instagram: page messaging, the same webhook format for both. */
export type PageChannelKind = 'messenger' | 'instagram';

/** A file of a message, at Meta's CDN: downloaded by the adapter. */
export interface PageFileRef {
  url: string;
  filename: string;
  /** As the attachment's type suggests; the download's own type wins. */
  contentType: string;
}

/** A message this one refers to: its stored text makes it readable. */
export type PageReference =
  | { kind: 'reply'; mid: string }
  | { kind: 'reaction'; mid: string; emoji: string | null }
  | { kind: 'edit'; mid: string }
  | { kind: 'deleted'; mid: string };

/** One customer message read from a webhook, before files are fetched and references looked up. */
export interface PageDraft {
  providerMessageId: string;
  /** PSID (Messenger) or IGSID (Instagram): the customer as this page knows them. */
  customerId: string;
  contact: { identities: InboundIdentity[] };
  text: string;
  quoted?: string;
  files: PageFileRef[];
  reference?: PageReference;
  sentAt?: Date;
}

/** A delivery or read receipt about the page's messages to one customer. */
export interface PageReceipt {
  status: 'delivered' | 'read';
  customerId: string;
  /** The messages it names... */
  mids: string[];
  /** ...or a time: everything sent to the customer before it (Messenger's watermark). */
  watermark?: Date;
}

/** The page's own message, sent through the API (by us) or from Meta's inbox by a person. */
export interface PageEcho {
  mid: string;
  customerId: string;
}

export type PageReading =
  | { kind: 'messages'; drafts: PageDraft[] }
  | { kind: 'receipts'; receipts: PageReceipt[] }
  | { kind: 'echoes'; echoes: PageEcho[] }
  | { kind: 'ignored'; reason: string }
  /** Not something a Messenger or Instagram webhook sends: kept as a failed event with the reason. */
  | { kind: 'invalid'; reason: string };

const PROVIDER: Record<PageChannelKind, string> = {
  messenger: 'Messenger',
  instagram: 'Instagram',
};

/** Stickers Messenger sends for its like button (small, medium, large). */
const LIKE_STICKERS = new Set(['369239263222822', '369239343222814', '369239383222810']);

const DEFAULT_TYPES: Record<string, [string, string]> = {
  image: ['image/jpeg', 'jpg'],
  audio: ['audio/mp4', 'm4a'],
  video: ['video/mp4', 'mp4'],
  file: ['application/octet-stream', 'bin'],
  story_mention: ['image/jpeg', 'jpg'],
};

/**
 * Reads one stored Messenger or Instagram webhook body (as split at the webhook: one event, but any
 * number is read). Pure and total: any input gives a reading, never an exception.
 */
export function readPageWebhook(
  payload: unknown,
  kind: PageChannelKind,
  pageId: string,
): PageReading {
  const provider = PROVIDER[kind];
  if (!isObject(payload) || !Array.isArray(payload.entry))
    return { kind: 'invalid', reason: `Not a webhook of ${provider}: no entry list` };
  if (payload.object !== META_OBJECTS[kind])
    return {
      kind: 'ignored',
      reason: `A webhook for '${nameOf(payload.object)}', not ${provider}: point that product's callback URL at a channel of its kind`,
    };
  const drafts: PageDraft[] = [];
  const receipts: PageReceipt[] = [];
  const echoes: PageEcho[] = [];
  const skipped: string[] = [];
  for (const entry of payload.entry.map(objectOf)) {
    const entryId = stringOf(entry.id);
    // Instagram names its entries by the Instagram account, which the channel does not know.
    if (kind === 'messenger' && entryId && entryId !== pageId) {
      skipped.push(
        `For Facebook page ${entryId}, not this channel's (${pageId}): add a Messenger channel for that page`,
      );
      continue;
    }
    const events = [...arrayOf(entry.messaging), ...arrayOf(entry.standby)].map(objectOf);
    for (const field of arrayOf(entry.changes).map((c) => stringOf(objectOf(c).field) ?? 'unknown'))
      skipped.push(`${provider} webhook field '${field}' is not a customer message`);
    for (const event of events) {
      const read = readEvent(event, kind);
      if ('invalid' in read) return { kind: 'invalid', reason: read.invalid };
      if ('skipped' in read) skipped.push(read.skipped);
      else if ('draft' in read) drafts.push(read.draft);
      else if ('receipt' in read) receipts.push(read.receipt);
      else echoes.push(read.echo);
    }
  }
  const kinds = [drafts, receipts, echoes].filter((list) => list.length).length;
  if (kinds > 1)
    return {
      kind: 'invalid',
      reason: 'Mixes customer messages, receipts and echoes (the webhook stores them apart)',
    };
  if (drafts.length) return { kind: 'messages', drafts };
  if (receipts.length) return { kind: 'receipts', receipts };
  if (echoes.length) return { kind: 'echoes', echoes };
  return { kind: 'ignored', reason: skipped.join('; ') || `An empty ${provider} webhook` };
}

/**
 * The final text and quoted history once the referred message's text is known (`earlier`, or
 * undefined when it is not stored here).
 */
export function completePageDraft(
  draft: PageDraft,
  earlier: string | undefined,
): { text: string; quoted?: string } {
  const ref = draft.reference;
  const quoted = (extra: string | undefined) =>
    [extra, draft.quoted].filter(Boolean).join('\n\n') || undefined;
  if (!ref) return { text: draft.text, ...(draft.quoted && { quoted: draft.quoted }) };
  const target = earlier ? `"${excerpt(earlier)}"` : 'an earlier message';
  let text = draft.text;
  let history: string | undefined;
  if (ref.kind === 'reply') history = quoted(earlier);
  else if (ref.kind === 'edit') history = quoted(earlier && `Original message:\n${earlier}`);
  else if (ref.kind === 'deleted') {
    text = `[The customer deleted a message] ${earlier ? target : ''}`.trim();
    history = quoted(earlier);
  } else {
    text = ref.emoji ? `[Reaction] ${ref.emoji} to ${target}` : `[Reaction removed] from ${target}`;
    history = quoted(earlier);
  }
  return { text, ...(history && { quoted: history }) };
}

type EventReading =
  | { draft: PageDraft }
  | { receipt: PageReceipt }
  | { echo: PageEcho }
  | { skipped: string }
  | { invalid: string };

function readEvent(event: Json, kind: PageChannelKind): EventReading {
  const provider = PROVIDER[kind];
  const sender = stringOf(objectOf(event.sender).id);
  const recipient = stringOf(objectOf(event.recipient).id);
  const message = isObject(event.message) ? event.message : undefined;
  if (message?.is_echo === true) {
    const mid = stringOf(message.mid);
    if (!mid || !recipient) return { invalid: `A ${provider} echo without mid or recipient` };
    return { echo: { mid, customerId: recipient } };
  }
  if (!sender) return { invalid: `A ${provider} event without a sender` };
  // The sender's id becomes the contact's identity: it must be one the inbox can store.
  if (!normalizeAddress(kind, sender))
    return { invalid: `A ${provider} event whose sender id is not an id (${excerpt(sender, 40)})` };
  const sentAt = dateOf(event.timestamp, 'milliseconds');
  const base = (providerMessageId: string, text: string): PageDraft => ({
    providerMessageId: storableId(providerMessageId),
    customerId: sender,
    contact: { identities: [{ kind, address: sender, verified: true }] },
    text,
    files: [],
    ...(sentAt && { sentAt }),
  });

  if (message) {
    const mid = stringOf(message.mid);
    if (!mid) return { invalid: `A ${provider} message without mid` };
    if (message.is_deleted === true)
      return {
        draft: {
          ...base(`${mid}:deleted`, '[The customer deleted a message]'),
          reference: { kind: 'deleted', mid },
        },
      };
    return { draft: messageDraft(base(mid, ''), message, kind, mid) };
  }
  const reaction = isObject(event.reaction) ? event.reaction : undefined;
  if (reaction) {
    const mid = stringOf(reaction.mid);
    if (!mid) return { skipped: `A ${provider} reaction to no message` };
    const unreact = reaction.action === 'unreact';
    const emoji = unreact ? null : textOf(reaction.emoji) || textOf(reaction.reaction) || '👍';
    const key = `${mid}:reaction:${stringOf(event.timestamp) ?? ''}:${unreact ? 'unreact' : emoji}`;
    return { draft: { ...base(key, ''), reference: { kind: 'reaction', mid, emoji } } };
  }
  const edit = isObject(event.message_edit) ? event.message_edit : undefined;
  if (edit) {
    const mid = stringOf(edit.mid);
    if (!mid) return { skipped: `A ${provider} edit of no message` };
    const key = `${mid}:edit:${stringOf(edit.num_edit) ?? stringOf(event.timestamp) ?? ''}`;
    return {
      draft: {
        ...base(key, `[Edited message] ${textOf(edit.text) ?? ''}`.trim()),
        reference: { kind: 'edit', mid },
      },
    };
  }
  const postback = isObject(event.postback) ? event.postback : undefined;
  if (postback) {
    const title = textOf(postback.title) ?? textOf(postback.payload) ?? '';
    const key = stringOf(postback.mid) ?? `postback:${sender}:${stringOf(event.timestamp) ?? ''}`;
    return { draft: base(key, `[Button] ${title}`.trim()) };
  }
  const read = isObject(event.read) ? event.read : undefined;
  const delivery = isObject(event.delivery) ? event.delivery : undefined;
  const receipt = read ?? delivery;
  if (receipt) {
    const mids = [...arrayOf(receipt.mids), receipt.mid]
      .map(stringOf)
      .filter((m): m is string => Boolean(m));
    const watermark = dateOf(receipt.watermark, 'milliseconds');
    if (!mids.length && !watermark) return { skipped: `A ${provider} receipt naming no message` };
    return {
      receipt: {
        status: read ? 'read' : 'delivered',
        customerId: sender,
        mids,
        ...(watermark && { watermark }),
      },
    };
  }
  const type = Object.keys(event).find((k) => !['sender', 'recipient', 'timestamp'].includes(k));
  return { skipped: `${provider} event '${type ?? 'empty'}' is not a customer message` };
}

function messageDraft(
  draft: PageDraft,
  message: Json,
  kind: PageChannelKind,
  mid: string,
): PageDraft {
  const lines: string[] = [];
  const files: PageFileRef[] = [];
  const text = textOf(message.text);
  if (text?.trim()) lines.push(text);
  const attachments = arrayOf(message.attachments).map(objectOf);
  attachments.forEach((attachment, index) => {
    const described = attachmentOf(attachment, kind, `${mid}-${index + 1}`);
    // A caption-less file is named by its label; with a text, the text says it.
    if (described.label && (!text?.trim() || !described.file)) lines.push(described.label);
    if (described.file) files.push(described.file);
  });
  if (message.is_unsupported === true)
    lines.push(`[${PROVIDER[kind]}: a message type the API does not show]`);
  const replyTo = objectOf(message.reply_to);
  const story = objectOf(replyTo.story);
  const storyUrl = stringOf(story.url);
  let quoted: string | undefined;
  if (isObject(replyTo.story)) {
    lines.unshift('[Reply to your story]');
    quoted = storyUrl ? `Story: ${storyUrl}` : undefined;
  }
  const repliedMid = stringOf(replyTo.mid);
  if (!lines.length) lines.push(`[${PROVIDER[kind]}: empty message]`);
  return {
    ...draft,
    text: lines.join('\n'),
    files,
    ...(quoted && { quoted }),
    ...(repliedMid && { reference: { kind: 'reply' as const, mid: repliedMid } }),
  };
}

function attachmentOf(
  attachment: Json,
  kind: PageChannelKind,
  name: string,
): { label?: string; file?: PageFileRef } {
  const type = stringOf(attachment.type) ?? 'unknown';
  const payload = objectOf(attachment.payload);
  const url = stringOf(payload.url) ?? stringOf(attachment.url);
  const title = textOf(payload.title) ?? textOf(attachment.title);
  const file = (): PageFileRef | undefined => {
    if (!url) return undefined;
    const [contentType, ext] = DEFAULT_TYPES[type] ?? DEFAULT_TYPES.file;
    return { url, contentType, filename: filenameOf(url) ?? `${type}-${name}.${ext}` };
  };
  switch (type) {
    case 'image': {
      const sticker = stringOf(payload.sticker_id);
      if (sticker && LIKE_STICKERS.has(sticker)) return { label: '👍' };
      const f = file();
      return { label: sticker ? '[Sticker]' : '[Photo]', ...(f && { file: f }) };
    }
    case 'audio':
    case 'video':
    case 'file': {
      const f = file();
      const label = { audio: '[Audio]', video: '[Video]', file: '[File]' }[type];
      return {
        label: f && type === 'file' ? `[File: ${f.filename}]` : label,
        ...(f && { file: f }),
      };
    }
    case 'story_mention': {
      const f = file();
      return { label: '[Mentioned you in their story]', ...(f && { file: f }) };
    }
    case 'location': {
      const coordinates = objectOf(payload.coordinates);
      const lat = numberOf(coordinates.lat);
      const lon = numberOf(coordinates.long);
      return {
        label: [
          `[Location]${title ? ` ${title}` : ''}`,
          lat !== undefined && lon !== undefined ? `${lat}, ${lon}` : '',
          url ?? '',
        ]
          .filter(Boolean)
          .join('\n'),
      };
    }
    case 'fallback':
      return { label: [`[Link]${title ? ` ${title}` : ''}`, url].filter(Boolean).join('\n') };
    case 'share':
    case 'ig_post':
    case 'reel':
    case 'ig_reel':
      return {
        label: [
          `[Shared ${type.includes('reel') ? 'reel' : 'post'}]${title ? ` ${title}` : ''}`,
          url,
        ]
          .filter(Boolean)
          .join('\n'),
      };
    case 'template':
      return { label: `[Template]${title ? ` ${title}` : ''}` };
    default:
      return {
        label: [`[${PROVIDER[kind]}: unsupported attachment '${type}']`, url]
          .filter(Boolean)
          .join('\n'),
      };
  }
}

/** The last path segment of a CDN URL when it looks like a file name (`12345_n.jpg`). */
function filenameOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const last = new URL(url).pathname.split('/').pop() ?? '';
  let name: string;
  try {
    name = decodeURIComponent(last);
  } catch {
    return undefined;
  }
  return /^[\w.-]{1,120}\.[A-Za-z0-9]{2,5}$/.test(name) ? name : undefined;
}
