import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../../../config/app-config';
import type { InboundEvent } from '../../../intake/inbound-event.entity';
import { UnparseablePayloadError, type ParseResult } from '../../channel-adapter';
import type { Channel } from '../../channel.entity';
import type { TelegramBotApi } from './telegram-bot-api.client';
import { TelegramAdapter } from './telegram.adapter';
import {
  completeDraft,
  readTelegramUpdate,
  type TelegramDraft,
  type TelegramReading,
} from './telegram-update.parser';

/** Any value, or one of the shapes Telegram's fields have: the parser must take all of them. */
const loose = <T>(shape: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: shape }, { weight: 1, arbitrary: fc.anything() });

/** Names no JSON body should be able to turn against the parser. */
const HOSTILE_KEYS = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'];

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', 'a\udc00b', 'Grüß Gott 🙂', '123', '+491701234567'),
  fc.constant('x'.repeat(100_000)),
);
const int = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 42, 2 ** 53 - 1, -(2 ** 53 - 1)),
  fc.maxSafeInteger(),
);
const number = fc.oneof(
  int,
  fc.double(),
  fc.constantFrom(1e300, -1e300, 8.64e12, 1_700_000_000, Number.MAX_VALUE),
);
/** Anything a key of a JSON object can be, hostile names included. */
const key = fc.oneof(fc.string(), fc.constantFrom(...HOSTILE_KEYS));
/** A JSON object of random fields, hostile names included. */
const junk = fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
/** An object nested far deeper than any Telegram field. */
const deep = fc
  .integer({ min: 50, max: 2000 })
  .map((depth) =>
    Array.from({ length: depth }).reduce<unknown>((inner) => ({ text: inner, chat: inner }), 'x'),
  );

const user = fc.record(
  {
    id: loose(int),
    is_bot: loose(fc.boolean()),
    first_name: loose(text),
    last_name: loose(text),
    username: loose(text),
  },
  { requiredKeys: ['id'] },
);
const chat = fc.record(
  {
    id: loose(int),
    type: loose(fc.constantFrom('private', 'private', 'private', 'group', 'supergroup', 'channel')),
    first_name: loose(text),
    last_name: loose(text),
    username: loose(text),
    title: loose(text),
  },
  { requiredKeys: ['id', 'type'] },
);
const file = fc.record(
  {
    file_id: loose(text),
    file_unique_id: loose(text),
    file_size: loose(number),
    file_name: loose(text),
    mime_type: loose(text),
    width: loose(number),
    height: loose(number),
    duration: loose(number),
    performer: loose(text),
    title: loose(text),
    emoji: loose(text),
    is_animated: loose(fc.boolean()),
    is_video: loose(fc.boolean()),
  },
  { requiredKeys: ['file_id'] },
);
const location = fc.record(
  { latitude: loose(number), longitude: loose(number), live_period: loose(number) },
  { requiredKeys: [] },
);

/** One kind of content, as the Bot API sends it (with random values in its fields). */
const content = fc.oneof(
  fc.record({ text: loose(text) }),
  fc.record({ photo: loose(fc.array(loose(file), { maxLength: 4 })), caption: loose(text) }),
  fc.record({ audio: loose(file) }),
  fc.record({ voice: loose(file) }),
  fc.record({ video: loose(file) }),
  fc.record({ video_note: loose(file) }),
  fc.record({ animation: loose(file), document: loose(file) }),
  fc.record({ document: loose(file), caption: loose(text) }),
  fc.record({ sticker: loose(file) }),
  fc.record({
    venue: loose(
      fc.record({ location: loose(location), title: loose(text), address: loose(text) }),
    ),
    location: loose(location),
  }),
  fc.record({ location: loose(location) }),
  fc.record({
    contact: loose(
      fc.record(
        {
          phone_number: loose(text),
          first_name: loose(text),
          last_name: loose(text),
          user_id: loose(int),
        },
        { requiredKeys: [] },
      ),
    ),
  }),
  fc.record({
    poll: loose(
      fc.record(
        {
          question: loose(text),
          options: loose(fc.array(loose(fc.record({ text: loose(text) })), { maxLength: 4 })),
          type: loose(fc.constantFrom('regular', 'quiz')),
        },
        { requiredKeys: [] },
      ),
    ),
  }),
  fc.record({ dice: loose(fc.record({ emoji: loose(text), value: loose(number) })) }),
  // Message types this version does not know, with or without a caption.
  fc.record(
    {
      paid_media: fc.jsonValue({ maxDepth: 2 }),
      story: fc.jsonValue({ maxDepth: 2 }),
      giveaway: fc.jsonValue({ maxDepth: 2 }),
      caption: loose(text),
    },
    { requiredKeys: [] },
  ),
  junk,
);

/** What describes a message besides its content: quoting, forwarding, editing. */
const envelope = fc.record(
  {
    from: loose(user),
    date: loose(number),
    edit_date: loose(number),
    caption: loose(text),
    forward_origin: loose(
      fc.record(
        {
          type: loose(fc.constantFrom('user', 'hidden_user', 'chat', 'channel')),
          sender_user: loose(user),
          sender_user_name: loose(text),
          sender_chat: loose(chat),
          chat: loose(chat),
        },
        { requiredKeys: [] },
      ),
    ),
    reply_to_message: loose(
      fc
        .tuple(fc.record({ message_id: loose(int), chat: loose(chat), from: loose(user) }), content)
        .map(([head, body]) => ({ ...head, ...body })),
    ),
    quote: loose(fc.record({ text: loose(text) })),
  },
  { requiredKeys: [] },
);

const message = fc
  .tuple(
    fc.record({ message_id: loose(int), chat: loose(chat) }),
    envelope,
    content,
    fc.option(junk, { nil: undefined }),
  )
  .map(([head, env, body, extra]) => ({ ...extra, ...head, ...env, ...body }));

const reactionType = loose(
  fc.oneof(
    fc.record({ type: fc.constant('emoji'), emoji: loose(text) }),
    fc.record({ type: fc.constant('custom_emoji'), custom_emoji_id: loose(text) }),
    fc.record({ type: fc.constantFrom('paid', 'unknown') }),
  ),
);
const reaction = fc.record(
  {
    chat: loose(chat),
    message_id: loose(int),
    user: loose(user),
    actor_chat: loose(chat),
    date: loose(number),
    old_reaction: loose(fc.array(reactionType, { maxLength: 3 })),
    new_reaction: loose(fc.array(reactionType, { maxLength: 3 })),
  },
  { requiredKeys: ['chat', 'message_id'] },
);

const update = fc
  .tuple(
    loose(int),
    fc.oneof(
      fc.record({ message: loose(message) }),
      fc.record({ edited_message: loose(message) }),
      fc.record({ message_reaction: loose(reaction) }),
      fc.record({ message: deep }),
      fc.record({ channel_post: loose(message) }),
      fc.record({ callback_query: fc.jsonValue({ maxDepth: 2 }) }),
      junk,
    ),
  )
  .map(([updateId, body]) => ({ update_id: updateId, ...body }));

/** Any update, a near miss of one, or any value at all. */
const payload = fc.oneof(
  { weight: 6, arbitrary: update },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.anything() },
  { weight: 1, arbitrary: deep },
);


it('stats', () => { fc.statistics(payload, (b) => { const r = readTelegramUpdate(b); return r.kind === 'message' ? `message ${r.draft.file ? 'file' : ''} ${r.draft.reference?.kind ?? ''}` : r.kind; }, { numRuns: 3000 }); });
