import type { InboundIdentity } from '../../channel-adapter';
import type {
  TelegramChat,
  TelegramMessage,
  TelegramMessageReaction,
  TelegramUpdate,
  TelegramUser,
} from './telegram-bot-api.types';

/** A file a customer sent, still at Telegram: fetched by the adapter (getFile, then download). */
export interface TelegramFileRef {
  fileId: string;
  /** As Telegram announced it; absent for small files. */
  fileSize?: number;
  filename: string;
  contentType: string;
}

/** What becomes of an earlier message: its text makes an edit or a reaction readable. */
export type TelegramReference =
  | { kind: 'edit'; key: string }
  | { kind: 'reaction'; key: string; added: string[]; removed: string[] };

/** One customer message read from an update, before files are fetched and references looked up. */
export interface TelegramDraft {
  providerMessageId: string;
  chatId: string;
  contact: { identities: InboundIdentity[]; name?: string };
  text: string;
  quoted?: string;
  file?: TelegramFileRef;
  sentAt?: Date;
  reference?: TelegramReference;
}

export type TelegramReading =
  | { kind: 'message'; draft: TelegramDraft }
  | { kind: 'ignored'; reason: string }
  /** Not a Bot API update at all: kept as a failed event with the reason. */
  | { kind: 'invalid'; reason: string };

/** How a Telegram message is named in provider ids: message ids are unique per chat only. */
export const telegramMessageKey = (chatId: number | string, messageId: number | string): string =>
  `${chatId}:${messageId}`;

/** Fields of a message that describe it rather than being its content. */
const ENVELOPE_FIELDS = new Set([
  'message_id',
  'message_thread_id',
  'from',
  'sender_chat',
  'sender_boost_count',
  'sender_business_bot',
  'date',
  'business_connection_id',
  'chat',
  'forward_origin',
  'is_topic_message',
  'is_automatic_forward',
  'reply_to_message',
  'external_reply',
  'quote',
  'reply_to_story',
  'reply_to_checklist_task_id',
  'via_bot',
  'edit_date',
  'has_protected_content',
  'is_from_offline',
  'is_paid_post',
  'media_group_id',
  'author_signature',
  'paid_star_count',
  'entities',
  'caption_entities',
  'link_preview_options',
  'effect_id',
  'show_caption_above_media',
  'has_media_spoiler',
  'reply_markup',
  'caption',
  'suggested_post_info',
  'direct_messages_topic',
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/**
 * Fields read as the type the Bot API documents, else as absent: a stored update is JSON of any
 * shape, and a field of another type must not throw (or turn into "[object Object]") here.
 */
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;
const fields = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});
const items = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** The parts that are text, joined by spaces (e.g. a first and a last name). */
const joined = (...parts: unknown[]): string => parts.map(str).filter(Boolean).join(' ');

/**
 * Reads one stored webhook delivery. Pure: files are only named here, and the texts of messages an
 * edit or reaction refers to are looked up by the adapter (see `completeDraft`).
 */
export function readTelegramUpdate(payload: unknown): TelegramReading {
  if (!isObject(payload) || !Number.isSafeInteger(payload.update_id))
    return { kind: 'invalid', reason: 'Not a Telegram update: no update_id' };
  const update = payload as TelegramUpdate;
  if (update.message) return readMessage(update, update.message, false);
  if (update.edited_message) return readMessage(update, update.edited_message, true);
  if (update.message_reaction) return readReaction(update, update.message_reaction);
  const type = Object.keys(update).find((k) => k !== 'update_id') ?? 'empty';
  return { kind: 'ignored', reason: `Telegram update of type '${type}' is not a customer message` };
}

function readMessage(
  update: TelegramUpdate,
  message: TelegramMessage,
  edited: boolean,
): TelegramReading {
  if (
    !isObject(message) ||
    !Number.isSafeInteger(message.message_id) ||
    !isObject(message.chat) ||
    !Number.isSafeInteger(message.chat.id)
  )
    return { kind: 'invalid', reason: 'Not a Telegram message: no message_id or chat' };
  const notCustomer = notFromCustomer(message.chat, message.from);
  if (notCustomer) return { kind: 'ignored', reason: notCustomer };
  // A shared live location is edited every few seconds while it runs: not news for the agent.
  if (edited && message.location?.live_period)
    return { kind: 'ignored', reason: 'Update of a live location' };

  const key = telegramMessageKey(message.chat.id, message.message_id);
  const content = contentOf(message);
  const forwarded = forwardedFrom(message);
  let text = [forwarded && `[Forwarded from ${forwarded}]`, content.text]
    .filter(Boolean)
    .join('\n');
  if (edited) text = `[Edited message] ${text}`;
  const quoted = repliedTo(message);
  return {
    kind: 'message',
    draft: {
      providerMessageId: edited ? `${key}:edit:${update.update_id}` : key,
      chatId: String(message.chat.id),
      contact: contactOf(message.chat, message.from, content.sharedPhone),
      text,
      ...(quoted && { quoted }),
      ...(content.file && { file: content.file }),
      ...at(edited ? (message.edit_date ?? message.date) : message.date),
      ...(edited && { reference: { kind: 'edit', key } }),
    },
  };
}

function readReaction(update: TelegramUpdate, reaction: TelegramMessageReaction): TelegramReading {
  if (
    !isObject(reaction) ||
    !Number.isSafeInteger(reaction.message_id) ||
    !isObject(reaction.chat) ||
    !Number.isSafeInteger(reaction.chat.id)
  )
    return { kind: 'invalid', reason: 'Not a Telegram reaction: no message_id or chat' };
  const notCustomer = notFromCustomer(reaction.chat, reaction.user);
  if (notCustomer) return { kind: 'ignored', reason: notCustomer };
  const before = items(reaction.old_reaction).map(reactionName);
  const after = items(reaction.new_reaction).map(reactionName);
  const added = after.filter((r) => !before.includes(r));
  const removed = before.filter((r) => !after.includes(r));
  if (!added.length && !removed.length) return { kind: 'ignored', reason: 'Reaction unchanged' };
  const key = telegramMessageKey(reaction.chat.id, reaction.message_id);
  const draft: TelegramDraft = {
    providerMessageId: `${key}:reaction:${update.update_id}`,
    chatId: String(reaction.chat.id),
    contact: contactOf(reaction.chat, reaction.user),
    text: '',
    ...at(reaction.date),
    reference: { kind: 'reaction', key, added, removed },
  };
  return { kind: 'message', draft: { ...draft, ...completeDraft(draft, undefined) } };
}

/**
 * The final text and quoted history once the referred message's text is known (`earlier`, or
 * undefined when it is not stored here): an edit shows what it replaced, a reaction what it is about.
 */
export function completeDraft(
  draft: TelegramDraft,
  earlier: string | undefined,
): { text: string; quoted?: string } {
  const ref = draft.reference;
  if (!ref) return { text: draft.text, ...(draft.quoted && { quoted: draft.quoted }) };
  if (ref.kind === 'edit') {
    const quoted = [earlier && `Original message:\n${earlier}`, draft.quoted]
      .filter(Boolean)
      .join('\n\n');
    return { text: draft.text, ...(quoted && { quoted }) };
  }
  const target = earlier ? `"${excerpt(earlier)}"` : 'an earlier message';
  const text = ref.added.length
    ? `[Reaction] ${ref.added.join(' ')} to ${target}` +
      (ref.removed.length ? ` (instead of ${ref.removed.join(' ')})` : '')
    : `[Reaction removed] ${ref.removed.join(' ')} from ${target}`;
  return { text, ...(earlier && { quoted: earlier }) };
}

/** Why this is not a customer's message, if it is not: groups and bots are not customers. */
function notFromCustomer(chat: TelegramChat, from: TelegramUser | undefined): string | null {
  // One conversation is one customer: a group would mix several people in one thread.
  if (chat.type !== 'private')
    return `Telegram ${str(chat.type)?.slice(0, 40) ?? 'unknown'} chats are not supported, only private chats with the bot`;
  if (fields(from).is_bot === true) return 'Message of a bot';
  return null;
}

function contactOf(
  chat: TelegramChat,
  from: TelegramUser | undefined,
  sharedPhone?: string,
): TelegramDraft['contact'] {
  // The chat id is assigned and proven by Telegram: the webhook is authenticated by its secret token.
  const identities: InboundIdentity[] = [
    { kind: 'telegram', address: String(chat.id), verified: true },
  ];
  // The customer's own number, sent as a contact card: theirs to keep, never a reason to join them
  // to another contact.
  if (sharedPhone) identities.push({ kind: 'phone', address: sharedPhone, canLink: false });
  const person = isObject(from) ? from : chat;
  const fullName = joined(person.first_name, person.last_name).trim();
  const username = str(person.username);
  const name = username ? (fullName ? `${fullName} (@${username})` : `@${username}`) : fullName;
  return { identities, ...(name && { name }) };
}

interface Content {
  text: string;
  file?: TelegramFileRef;
  sharedPhone?: string;
}

/** The message's content in words, and its file. Order matters: a venue also carries a location, an animation a document. */
function contentOf(m: TelegramMessage): Content {
  const caption = str(m.caption)?.trim() ? str(m.caption) : undefined;
  const withCaption = (label: string, file: TelegramFileRef | undefined): Content => ({
    text: caption ?? label,
    ...(file && { file }),
  });
  if (typeof m.text === 'string') return { text: m.text };
  if (isObject(m.animation))
    return withCaption('[GIF]', fileRef(m.animation, 'animation', 'mp4', 'video/mp4'));
  const photos = items(m.photo).filter(isObject);
  if (photos.length) {
    const pixels = (p: Record<string, unknown>) =>
      num(p.file_size) ?? (num(p.width) ?? 0) * (num(p.height) ?? 0);
    const largest = photos.reduce((a, b) => (pixels(b) > pixels(a) ? b : a));
    return withCaption('[Photo]', fileRef(largest, 'photo', 'jpg', 'image/jpeg'));
  }
  if (isObject(m.audio)) {
    const title = [str(m.audio.performer), str(m.audio.title)].filter(Boolean).join(' – ');
    const name = title || str(m.audio.file_name);
    return withCaption(
      name ? `[Audio: ${name}]` : '[Audio]',
      fileRef(m.audio, 'audio', 'mp3', 'audio/mpeg'),
    );
  }
  if (isObject(m.voice))
    return withCaption(
      `[Voice message, ${duration(m.voice.duration)}]`,
      fileRef(m.voice, 'voice', 'ogg', 'audio/ogg'),
    );
  if (isObject(m.video))
    return withCaption('[Video]', fileRef(m.video, 'video', 'mp4', 'video/mp4'));
  if (isObject(m.video_note))
    return withCaption(
      `[Video message, ${duration(m.video_note.duration)}]`,
      fileRef(m.video_note, 'video-message', 'mp4', 'video/mp4'),
    );
  if (isObject(m.document)) {
    const name = str(m.document.file_name);
    return withCaption(
      name ? `[File: ${name}]` : '[File]',
      fileRef(m.document, 'file', 'bin', 'application/octet-stream'),
    );
  }
  if (isObject(m.sticker)) {
    const s = m.sticker;
    const [ext, type] = s.is_animated
      ? ['tgs', 'application/x-tgsticker']
      : s.is_video
        ? ['webm', 'video/webm']
        : ['webp', 'image/webp'];
    const emoji = str(s.emoji);
    return withCaption(
      emoji ? `[Sticker ${emoji}]` : '[Sticker]',
      fileRef(s, 'sticker', ext, type),
    );
  }
  if (isObject(m.venue))
    return {
      text: [`[Venue] ${str(m.venue.title) ?? ''}`, str(m.venue.address), mapLink(m.venue.location)]
        .filter(Boolean)
        .join('\n'),
    };
  if (isObject(m.location)) {
    const link = mapLink(m.location);
    const label = m.location.live_period ? 'Live location' : 'Location';
    return {
      text: link
        ? `[${label}] ${m.location.latitude}, ${m.location.longitude}\n${link}`
        : `[${label}]`,
    };
  }
  if (isObject(m.contact)) {
    const c = m.contact;
    const name = joined(c.first_name, c.last_name);
    const phone = str(c.phone_number);
    const own = c.user_id !== undefined && c.user_id === fields(m.from).id;
    return {
      text: `[Contact] ${[name, phone].filter(Boolean).join(', ')}`,
      // Telegram writes numbers without the leading +.
      ...(own && phone?.trim() && { sharedPhone: phone.replace(/^(?=\d)/, '+') }),
    };
  }
  if (isObject(m.poll)) {
    const options = items(m.poll.options).map((o) => `- ${str(fields(o).text) ?? ''}`);
    return {
      text: [
        `[${m.poll.type === 'quiz' ? 'Quiz' : 'Poll'}] ${str(m.poll.question) ?? ''}`,
        ...options,
      ].join('\n'),
    };
  }
  if (isObject(m.dice))
    return { text: `[Dice ${str(m.dice.emoji) ?? ''}] ${num(m.dice.value) ?? ''}` };
  const type = Object.keys(m).find((k) => !ENVELOPE_FIELDS.has(k) && !k.startsWith('_')) ?? 'empty';
  const placeholder = `[Telegram: unsupported message type '${type}']`;
  return { text: caption ? `${placeholder}\n${caption}` : placeholder };
}

/** The message answered: what the customer quoted of it, else its content, with its author. */
function repliedTo(m: TelegramMessage): string | undefined {
  const replied = m.reply_to_message;
  const quote = str(fields(m.quote).text);
  if (!isObject(replied) && !quote) return undefined;
  const text = quote ?? (isObject(replied) ? contentOf(replied).text : '');
  const author = isObject(replied) && str(fields(replied.from).first_name);
  return author ? `${author} wrote:\n${text}` : text;
}

function forwardedFrom(m: TelegramMessage): string | undefined {
  const o = m.forward_origin;
  if (!isObject(o)) return undefined;
  const user = fields(o.sender_user);
  return (
    joined(user.first_name, user.last_name) ||
    str(o.sender_user_name) ||
    str(fields(o.sender_chat).title) ||
    str(fields(o.chat).title) ||
    'someone'
  );
}

/** The file to fetch, when the update names one by its `file_id`. */
function fileRef(
  file: Record<string, unknown>,
  prefix: string,
  ext: string,
  contentType: string,
): TelegramFileRef | undefined {
  const fileId = str(file.file_id);
  if (!fileId) return undefined;
  const size = num(file.file_size);
  return {
    fileId,
    ...(size !== undefined && { fileSize: size }),
    filename: str(file.file_name) || `${prefix}-${str(file.file_unique_id) ?? fileId}.${ext}`,
    contentType: str(file.mime_type) || contentType,
  };
}

function reactionName(reaction: unknown): string {
  const r = fields(reaction);
  if (r.type === 'emoji') return str(r.emoji) || 'an emoji';
  if (r.type === 'custom_emoji') return 'a custom emoji';
  return '⭐ (paid)';
}

/** Telegram's Unix time in seconds, when it is one. */
function at(seconds: unknown): { sentAt?: Date } {
  const date = new Date((num(seconds) ?? NaN) * 1000);
  return Number.isNaN(date.getTime()) ? {} : { sentAt: date };
}

function duration(seconds: unknown): string {
  const s = Math.max(0, Math.round(num(seconds) ?? 0));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A map of the place, when `location` has its coordinates. */
function mapLink(location: unknown): string | undefined {
  const { latitude, longitude } = fields(location);
  if (num(latitude) === undefined || num(longitude) === undefined) return undefined;
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;
}

function excerpt(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
