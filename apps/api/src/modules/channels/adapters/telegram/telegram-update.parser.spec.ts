import { completeDraft, readTelegramUpdate, type TelegramDraft } from './telegram-update.parser';

const user = { id: 42, is_bot: false, first_name: 'Jürgen', last_name: 'Müller' };
const chat = { id: 42, type: 'private', first_name: 'Jürgen', last_name: 'Müller' };
const message = (fields: Record<string, unknown>) => ({
  update_id: 7,
  message: { message_id: 3, from: user, chat, date: 1_700_000_000, ...fields },
});
const draftOf = (payload: unknown): TelegramDraft => {
  const reading = readTelegramUpdate(payload);
  if (reading.kind !== 'message') throw new Error(`not a message: ${JSON.stringify(reading)}`);
  return reading.draft;
};

describe('readTelegramUpdate', () => {
  it('reads a text message: provider id per chat, the chat id as verified identity, the sender as name', () => {
    expect(draftOf(message({ text: 'Grüß Gott 🙂' }))).toEqual({
      providerMessageId: '42:3',
      chatId: '42',
      contact: {
        identities: [{ kind: 'telegram', address: '42', verified: true }],
        name: 'Jürgen Müller',
      },
      text: 'Grüß Gott 🙂',
      sentAt: new Date(1_700_000_000_000),
    });
  });

  it('names a sender without a name by the username', () => {
    const draft = draftOf(
      message({ from: { id: 42, is_bot: false, first_name: '', username: 'juergen' }, text: 'x' }),
    );
    expect(draft.contact.name).toBe('@juergen');
  });

  it('is invalid without update_id, or with a message without chat', () => {
    expect(readTelegramUpdate(null)).toEqual({
      kind: 'invalid',
      reason: 'Not a Telegram update: no update_id',
    });
    expect(readTelegramUpdate([1, 2])).toMatchObject({ kind: 'invalid' });
    expect(readTelegramUpdate({ update_id: 1, message: { message_id: 1, text: 'x' } })).toEqual({
      kind: 'invalid',
      reason: 'Not a Telegram message: no message_id or chat',
    });
  });

  it('picks the largest photo by pixels when Telegram leaves out the sizes', () => {
    const photo = [
      { file_id: 'a', file_unique_id: 'ua', width: 90, height: 60 },
      { file_id: 'c', file_unique_id: 'uc', width: 1280, height: 853 },
      { file_id: 'b', file_unique_id: 'ub', width: 320, height: 213 },
    ];
    expect(draftOf(message({ photo })).file).toEqual({
      fileId: 'c',
      filename: 'photo-uc.jpg',
      contentType: 'image/jpeg',
    });
  });

  it('names animated and video stickers by their format', () => {
    const sticker = { file_id: 's', file_unique_id: 'us', width: 1, height: 1, is_video: false };
    expect(draftOf(message({ sticker: { ...sticker, is_animated: true } })).file).toMatchObject({
      filename: 'sticker-us.tgs',
      contentType: 'application/x-tgsticker',
    });
    expect(
      draftOf(message({ sticker: { ...sticker, is_animated: false, is_video: true } })).file,
    ).toMatchObject({ filename: 'sticker-us.webm', contentType: 'video/webm' });
  });

  it('says where a forwarded message comes from, and keeps a caption next to an unknown type', () => {
    expect(
      draftOf(
        message({
          text: 'Schau mal',
          forward_origin: { type: 'hidden_user', sender_user_name: 'Erika M.', date: 1 },
        }),
      ).text,
    ).toBe('[Forwarded from Erika M.]\nSchau mal');
    expect(draftOf(message({ paid_media: { star_count: 5 }, caption: 'Exklusiv' })).text).toBe(
      "[Telegram: unsupported message type 'paid_media']\nExklusiv",
    );
    expect(draftOf(message({})).text).toBe("[Telegram: unsupported message type 'empty']");
  });

  it("adds a shared phone number only when it is the sender's own", () => {
    const card = { phone_number: '491701234567', first_name: 'Erika' };
    expect(draftOf(message({ contact: { ...card, user_id: 99 } })).contact.identities).toEqual([
      { kind: 'telegram', address: '42', verified: true },
    ]);
    expect(draftOf(message({ contact: { ...card, user_id: 42 } })).contact.identities).toEqual([
      { kind: 'telegram', address: '42', verified: true },
      { kind: 'phone', address: '+491701234567', canLink: false },
    ]);
  });

  it('quotes what the customer quoted of the answered message', () => {
    const draft = draftOf(
      message({
        text: 'Genau das',
        quote: { text: 'Lieferung am Montag', position: 0 },
        reply_to_message: {
          message_id: 2,
          from: { id: 1, is_bot: true, first_name: 'Support' },
          chat,
          date: 1,
          text: 'Hallo! Lieferung am Montag, Abholung am Dienstag.',
        },
      }),
    );
    expect(draft.quoted).toBe('Support wrote:\nLieferung am Montag');
  });

  it('ignores updates that are not customer messages', () => {
    expect(readTelegramUpdate({ update_id: 1, callback_query: {} })).toEqual({
      kind: 'ignored',
      reason: "Telegram update of type 'callback_query' is not a customer message",
    });
    expect(readTelegramUpdate({ update_id: 1 })).toMatchObject({ kind: 'ignored' });
    expect(
      readTelegramUpdate(message({ chat: { id: -5, type: 'group', title: 'G' }, text: 'x' })),
    ).toEqual({
      kind: 'ignored',
      reason: 'Telegram group chats are not supported, only private chats with the bot',
    });
  });
});

describe('edits and reactions', () => {
  const reaction = (old: unknown[], now: unknown[]) => ({
    update_id: 9,
    message_reaction: {
      chat,
      message_id: 3,
      user,
      date: 1_700_000_100,
      old_reaction: old,
      new_reaction: now,
    },
  });
  const emoji = (e: string) => ({ type: 'emoji', emoji: e });

  it('an edit is its own message, marked as such, with the original as quoted history', () => {
    const draft = draftOf({
      update_id: 8,
      edited_message: {
        message_id: 3,
        from: user,
        chat,
        date: 1_700_000_000,
        edit_date: 1_700_000_050,
        text: 'Größe L',
      },
    });
    expect(draft).toMatchObject({
      providerMessageId: '42:3:edit:8',
      text: '[Edited message] Größe L',
      sentAt: new Date(1_700_000_050_000),
      reference: { kind: 'edit', key: '42:3' },
    });
    expect(completeDraft(draft, 'Größe M')).toEqual({
      text: '[Edited message] Größe L',
      quoted: 'Original message:\nGröße M',
    });
    expect(completeDraft(draft, undefined)).toEqual({ text: '[Edited message] Größe L' });
  });

  it('a reaction names the emoji and the message, shortened, or says it is an earlier one', () => {
    const draft = draftOf(reaction([emoji('👎')], [emoji('👍'), { type: 'custom_emoji' }]));
    expect(draft.providerMessageId).toBe('42:3:reaction:9');
    expect(draft.text).toBe('[Reaction] 👍 a custom emoji to an earlier message (instead of 👎)');
    const long = `Ihre Bestellung\nist ${'sehr '.repeat(30)}unterwegs`;
    const { text, quoted } = completeDraft(draft, long);
    expect(text).toMatch(/^\[Reaction\] 👍 a custom emoji to "Ihre Bestellung ist sehr .{50,}…"/);
    expect(quoted).toBe(long);
  });

  it('a removed reaction says so; an unchanged one is ignored', () => {
    expect(draftOf(reaction([emoji('🔥')], [])).text).toBe(
      '[Reaction removed] 🔥 from an earlier message',
    );
    expect(readTelegramUpdate(reaction([emoji('🔥')], [emoji('🔥')]))).toEqual({
      kind: 'ignored',
      reason: 'Reaction unchanged',
    });
  });
});
