import type { InboundIdentity } from '../../channel-adapter';
import type {
  TelegramChat,
  TelegramMessage,
  TelegramMessageReaction,
  TelegramReactionType,
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
  const before = (reaction.old_reaction ?? []).map(reactionName);
  const after = (reaction.new_reaction ?? []).map(reactionName);
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
    return `Telegram ${chat.type} chats are not supported, only private chats with the bot`;
  if (from?.is_bot) return 'Message of a bot';
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
  const person = from ?? chat;
  const fullName = [person.first_name, person.last_name].filter(Boolean).join(' ').trim();
  const name = person.username
    ? fullName
      ? `${fullName} (@${person.username})`
      : `@${person.username}`
    : fullName;
  return { identities, ...(name && { name }) };
}

interface Content {
  text: string;
  file?: TelegramFileRef;
  sharedPhone?: string;
}

/** The message's content in words, and its file. Order matters: a venue also carries a location, an animation a document. */
function contentOf(m: TelegramMessage): Content {
  const caption = m.caption?.trim() ? m.caption : undefined;
  const withCaption = (label: string, file: TelegramFileRef): Content => ({
    text: caption ?? label,
    file,
  });
  if (typeof m.text === 'string') return { text: m.text };
  if (m.animation)
    return withCaption('[GIF]', fileRef(m.animation, 'animation', 'mp4', 'video/mp4'));
  if (Array.isArray(m.photo) && m.photo.length) {
    const largest = m.photo.reduce((a, b) =>
      (b.file_size ?? b.width * b.height) > (a.file_size ?? a.width * a.height) ? b : a,
    );
    return withCaption('[Photo]', fileRef(largest, 'photo', 'jpg', 'image/jpeg'));
  }
  if (m.audio) {
    const title = [m.audio.performer, m.audio.title].filter(Boolean).join(' – ');
    const name = title || m.audio.file_name;
    return withCaption(
      name ? `[Audio: ${name}]` : '[Audio]',
      fileRef(m.audio, 'audio', 'mp3', 'audio/mpeg'),
    );
  }
  if (m.voice)
    return withCaption(
      `[Voice message, ${duration(m.voice.duration)}]`,
      fileRef(m.voice, 'voice', 'ogg', 'audio/ogg'),
    );
  if (m.video) return withCaption('[Video]', fileRef(m.video, 'video', 'mp4', 'video/mp4'));
  if (m.video_note)
    return withCaption(
      `[Video message, ${duration(m.video_note.duration)}]`,
      fileRef(m.video_note, 'video-message', 'mp4', 'video/mp4'),
    );
  if (m.document)
    return withCaption(
      m.document.file_name ? `[File: ${m.document.file_name}]` : '[File]',
      fileRef(m.document, 'file', 'bin', 'application/octet-stream'),
    );
  if (m.sticker) {
    const s = m.sticker;
    const [ext, type] = s.is_animated
      ? ['tgs', 'application/x-tgsticker']
      : s.is_video
        ? ['webm', 'video/webm']
        : ['webp', 'image/webp'];
    return withCaption(
      s.emoji ? `[Sticker ${s.emoji}]` : '[Sticker]',
      fileRef(s, 'sticker', ext, type),
    );
  }
  if (m.venue)
    return {
      text: [`[Venue] ${m.venue.title}`, m.venue.address, mapLink(m.venue.location)]
        .filter(Boolean)
        .join('\n'),
    };
  if (m.location)
    return {
      text: `[${m.location.live_period ? 'Live location' : 'Location'}] ${m.location.latitude}, ${m.location.longitude}\n${mapLink(m.location)}`,
    };
  if (m.contact) {
    const c = m.contact;
    const name = [c.first_name, c.last_name].filter(Boolean).join(' ');
    const own = c.user_id !== undefined && c.user_id === m.from?.id;
    return {
      text: `[Contact] ${[name, c.phone_number].filter(Boolean).join(', ')}`,
      // Telegram writes numbers without the leading +.
      ...(own && { sharedPhone: c.phone_number.replace(/^(?=\d)/, '+') }),
    };
  }
  if (m.poll) {
    const options = (m.poll.options ?? []).map((o) => `- ${o.text}`);
    return {
      text: [`[${m.poll.type === 'quiz' ? 'Quiz' : 'Poll'}] ${m.poll.question}`, ...options].join(
        '\n',
      ),
    };
  }
  if (m.dice) return { text: `[Dice ${m.dice.emoji}] ${m.dice.value}` };
  const type = Object.keys(m).find((k) => !ENVELOPE_FIELDS.has(k) && !k.startsWith('_')) ?? 'empty';
  const placeholder = `[Telegram: unsupported message type '${type}']`;
  return { text: caption ? `${placeholder}\n${caption}` : placeholder };
}

/** The message answered: what the customer quoted of it, else its content, with its author. */
function repliedTo(m: TelegramMessage): string | undefined {
  const replied = m.reply_to_message;
  const quote = m.quote?.text;
  if (!isObject(replied) && !quote) return undefined;
  const text = quote ?? (isObject(replied) ? contentOf(replied).text : '');
  const author = isObject(replied) && replied.from?.first_name;
  return author ? `${author} wrote:\n${text}` : text;
}

function forwardedFrom(m: TelegramMessage): string | undefined {
  const o = m.forward_origin;
  if (!isObject(o)) return undefined;
  const user = o.sender_user;
  return (
    (user && [user.first_name, user.last_name].filter(Boolean).join(' ')) ||
    o.sender_user_name ||
    o.sender_chat?.title ||
    o.chat?.title ||
    'someone'
  );
}

function fileRef(
  file: { file_id: string; file_unique_id: string; file_size?: number; file_name?: string } & {
    mime_type?: string;
  },
  prefix: string,
  ext: string,
  contentType: string,
): TelegramFileRef {
  return {
    fileId: file.file_id,
    ...(file.file_size !== undefined && { fileSize: file.file_size }),
    filename: file.file_name || `${prefix}-${file.file_unique_id}.${ext}`,
    contentType: file.mime_type || contentType,
  };
}

function reactionName(r: TelegramReactionType): string {
  if (r.type === 'emoji') return r.emoji;
  if (r.type === 'custom_emoji') return 'a custom emoji';
  return '⭐ (paid)';
}

/** Telegram's Unix time in seconds, when it is one. */
function at(seconds: unknown): { sentAt?: Date } {
  return typeof seconds === 'number' && Number.isFinite(seconds)
    ? { sentAt: new Date(seconds * 1000) }
    : {};
}

function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds || 0));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function mapLink({ latitude, longitude }: { latitude: number; longitude: number }): string {
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;
}

function excerpt(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
