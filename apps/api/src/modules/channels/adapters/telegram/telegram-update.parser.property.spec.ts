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
/** For the fields that decide whether a message is read at all: mostly right, so most are. */
const mostly = <T>(shape: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 30, arbitrary: shape }, { weight: 1, arbitrary: fc.anything() });

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
    is_bot: mostly(fc.constantFrom(false, false, false, true)),
    first_name: loose(text),
    last_name: loose(text),
    username: loose(text),
  },
  { requiredKeys: ['id'] },
);
const chat = fc.record(
  {
    id: mostly(int),
    type: mostly(fc.constantFrom('private', 'private', 'private', 'private', 'private', 'group')),
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
    fc.record({ message_id: mostly(int), chat: mostly(chat) }),
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
    chat: mostly(chat),
    message_id: mostly(int),
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
    mostly(int),
    fc.oneof(
      { weight: 6, arbitrary: fc.record({ message: mostly(message) }) },
      { weight: 2, arbitrary: fc.record({ edited_message: mostly(message) }) },
      { weight: 2, arbitrary: fc.record({ message_reaction: mostly(reaction) }) },
      fc.record({ message: deep }),
      fc.record({ channel_post: loose(message) }),
      fc.record({ callback_query: fc.jsonValue({ maxDepth: 2 }) }),
      junk,
    ),
  )
  .map(([updateId, body]) => ({ update_id: updateId, ...body }));

/** Any update, a near miss of one, or any value at all. */
const payload = fc.oneof(
  { weight: 12, arbitrary: update },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.anything() },
  { weight: 1, arbitrary: deep },
);

const isString = (v: unknown): v is string => typeof v === 'string';

/** The documented shape of a draft: every field the adapter and the store rely on. */
function expectDraftShape(draft: TelegramDraft): void {
  expect(isString(draft.providerMessageId) && draft.providerMessageId.length > 0).toBe(true);
  expect(isString(draft.chatId) && draft.chatId.length > 0).toBe(true);
  expect(draft.contact.identities.length).toBeGreaterThan(0);
  for (const identity of draft.contact.identities) {
    expect(['telegram', 'phone']).toContain(identity.kind);
    expect(isString(identity.address) && identity.address.length > 0).toBe(true);
  }
  if (draft.contact.name !== undefined) expect(isString(draft.contact.name)).toBe(true);
  expect(isString(draft.text)).toBe(true);
  if (draft.quoted !== undefined) expect(isString(draft.quoted)).toBe(true);
  if (draft.file) {
    expect(isString(draft.file.fileId) && draft.file.fileId.length > 0).toBe(true);
    expect(isString(draft.file.filename) && draft.file.filename.length > 0).toBe(true);
    expect(isString(draft.file.contentType) && draft.file.contentType.length > 0).toBe(true);
    if (draft.file.fileSize !== undefined) expect(Number.isFinite(draft.file.fileSize)).toBe(true);
  }
  if (draft.sentAt !== undefined) expect(Number.isNaN(draft.sentAt.getTime())).toBe(false);
  if (draft.reference) {
    expect(isString(draft.reference.key)).toBe(true);
    if (draft.reference.kind === 'reaction')
      for (const name of [...draft.reference.added, ...draft.reference.removed])
        expect(isString(name)).toBe(true);
  }
}

function expectReadingShape(reading: TelegramReading, earlier: string | undefined): void {
  expect(['message', 'ignored', 'invalid']).toContain(reading.kind);
  if (reading.kind !== 'message') {
    expect(isString(reading.reason) && reading.reason.length > 0).toBe(true);
    return;
  }
  expectDraftShape(reading.draft);
  const done = completeDraft(reading.draft, earlier);
  expect(isString(done.text)).toBe(true);
  if (done.quoted !== undefined) expect(isString(done.quoted)).toBe(true);
}

/** The adapter with a Bot API that offers every file and a database that knows no earlier message. */
const adapter = new TelegramAdapter(
  {
    call: async () => ({ file_id: 'f', file_path: 'documents/f' }),
    download: async () => Buffer.from('file'),
  } as unknown as TelegramBotApi,
  {} as AppConfig,
  { query: async () => [] } as unknown as DataSource,
);
const channel = { id: 'c1', kind: 'telegram', config: { botToken: '1:x' } } as unknown as Channel;
const eventOf = (payload: unknown) =>
  ({ id: 'e1', providerMessageId: 'p1', payload, raw: null }) as InboundEvent;

describe('readTelegramUpdate (properties)', () => {
  it('reads any value as a message of the documented shape, ignored or invalid, never throwing', () => {
    fc.assert(
      fc.property(payload, fc.option(text, { nil: undefined }), (body, earlier) => {
        expectReadingShape(readTelegramUpdate(body), earlier);
      }),
      { numRuns: 1000 },
    );
  });

  it('the adapter parses any value into messages or ignored, or throws only UnparseablePayloadError', async () => {
    await fc.assert(
      fc.asyncProperty(payload, async (body) => {
        let result: ParseResult;
        try {
          result = await adapter.parse(eventOf(body), channel);
        } catch (err) {
          expect(err).toBeInstanceOf(UnparseablePayloadError);
          return;
        }
        expect(['messages', 'ignored']).toContain(result.kind);
        if (result.kind === 'messages')
          for (const m of result.messages) {
            expect(isString(m.text)).toBe(true);
            expect(m.contact.identities.length).toBeGreaterThan(0);
          }
      }),
      { numRuns: 300 },
    );
  });
});

/** Counterexamples the properties found, kept as plain cases: each threw or read as garbage before. */
describe('readTelegramUpdate takes fields of the wrong type (found by the properties)', () => {
  const chat = { id: 42, type: 'private' };
  const from = { id: 42, is_bot: false, first_name: 'Erika' };
  const messageOf = (fields: Record<string, unknown>) => ({
    update_id: 1,
    message: { message_id: 3, chat, from, date: 1_700_000_000, ...fields },
  });
  const reactionOf = (fields: Record<string, unknown>) => ({
    update_id: 2,
    message_reaction: { message_id: 3, chat, user: from, date: 1_700_000_000, ...fields },
  });
  const draftOf = (payload: unknown): TelegramDraft => {
    const reading = readTelegramUpdate(payload);
    if (reading.kind !== 'message') throw new Error(`not a message: ${JSON.stringify(reading)}`);
    return reading.draft;
  };

  it('a caption that is no string (threw: m.caption?.trim is not a function)', () => {
    expect(draftOf(messageOf({ caption: 5, paid_media: {} })).text).toBe(
      "[Telegram: unsupported message type 'paid_media']",
    );
  });

  it('a venue without its location (threw: cannot destructure latitude of undefined)', () => {
    expect(draftOf(messageOf({ venue: { title: 'Café', address: 'Hauptstr. 1' } })).text).toBe(
      '[Venue] Café\nHauptstr. 1',
    );
  });

  it('poll options that are no list, and a photo list with holes (threw: map/null)', () => {
    expect(draftOf(messageOf({ poll: { question: 'Ja?', options: {} } })).text).toBe('[Poll] Ja?');
    expect(
      draftOf(messageOf({ photo: [null, { file_id: 'p', file_unique_id: 'up', width: 1 }] })).file,
    ).toEqual({ fileId: 'p', filename: 'photo-up.jpg', contentType: 'image/jpeg' });
  });

  it("the sender's own contact card without a number (threw: cannot read replace of undefined)", () => {
    const draft = draftOf(messageOf({ contact: { first_name: 'Erika', user_id: 42 } }));
    expect(draft.text).toBe('[Contact] Erika');
    expect(draft.contact.identities).toEqual([{ kind: 'telegram', address: '42', verified: true }]);
  });

  it('a chat type or name that cannot become text (threw: cannot convert object to primitive)', () => {
    expect(
      readTelegramUpdate({
        update_id: 1,
        message: { message_id: 3, chat: { id: 1, type: { toString: 1 } } },
      }),
    ).toEqual({
      kind: 'ignored',
      reason: 'Telegram unknown chats are not supported, only private chats with the bot',
    });
    expect(
      draftOf(
        messageOf({ from: { id: 42, first_name: { toString: 1 }, username: 'erika' }, text: 'x' }),
      ).contact.name,
    ).toBe('@erika');
  });

  it('reactions that are no list or hold no objects (threw: map is not a function / null)', () => {
    expect(readTelegramUpdate(reactionOf({ old_reaction: 'x', new_reaction: true }))).toEqual({
      kind: 'ignored',
      reason: 'Reaction unchanged',
    });
    expect(
      draftOf(reactionOf({ old_reaction: [null], new_reaction: [{ type: 'emoji', emoji: {} }] }))
        .text,
    ).toBe('[Reaction] an emoji to an earlier message (instead of ⭐ (paid))');
  });

  it('a file id, quote or date of the wrong type (read as an object, a number, an Invalid Date)', () => {
    const draft = draftOf(
      messageOf({ date: 1e300, document: { file_id: {}, file_name: 'a.pdf' }, quote: { text: 5 } }),
    );
    expect(draft).toEqual({
      providerMessageId: '42:3',
      chatId: '42',
      contact: { identities: [{ kind: 'telegram', address: '42', verified: true }], name: 'Erika' },
      text: '[File: a.pdf]',
    });
  });
});
