import { randomUUID } from 'node:crypto';
import { SECRET_MASK, type ChannelDto } from '@touchpoint/shared';
import request from 'supertest';
import { Channel } from '../src/modules/channels/channel.entity';
import type { OutboundContext } from '../src/modules/channels/channel-adapter';
import { TelegramAdapter } from '../src/modules/channels/adapters/telegram/telegram.adapter';
import { waitForContactOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { FakeTelegram } from './helpers/fake-telegram';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const PUBLIC_URL = 'https://inbox.example.test';
const SECRET = 'tg-secret_0123456789';
const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';
const ALLOWED_UPDATES = ['message', 'edited_message', 'message_reaction'];

interface StoredMessage {
  id: string;
  text: string;
  quoted: string | null;
  metadata: Record<string, unknown>;
  contactId: string;
  files: [string, string, number][];
}

let updateId = 40_000;
let messageId = 1;
let chatId = 730_000_000;

/** A Telegram user writing to the bot in a private chat. */
function customer(first = 'Karl', last = 'Kunde') {
  const id = ++chatId;
  const user = { id, is_bot: false, first_name: first, last_name: last, username: `kunde${id}` };
  const chat = { id, type: 'private', first_name: first, last_name: last, username: user.username };
  return { id: String(id), user, chat };
}
type Customer = ReturnType<typeof customer>;

/** A message of `from`, as Telegram puts it into an update. */
function messageOf(from: Customer, fields: Record<string, unknown>) {
  return {
    message_id: ++messageId,
    from: from.user,
    chat: from.chat,
    date: Math.floor(Date.now() / 1000),
    ...fields,
  };
}

const update = <T extends object>(fields: T) => ({ update_id: ++updateId, ...fields });

describe('the Telegram channel', () => {
  let t: TestApp;
  let telegram: FakeTelegram;
  let teamId: string;
  let admin: ReturnType<typeof as>;
  let agent: ReturnType<typeof as>;
  let channel: Channel;
  let botToken: string;

  const createChannel = (config: Record<string, unknown>, name = 'Telegram Bot') =>
    admin.post('/api/channels').send({ kind: 'telegram', name, teamId, config });

  const post = (update: unknown, secret: string | null = SECRET, id = channel.id) => {
    const req = request(t.url).post(`/webhooks/telegram/${id}`);
    return (secret === null ? req : req.set(SECRET_HEADER, secret)).send(update as object);
  };

  /** POSTs an update as Telegram does and expects it taken. */
  const deliver = async (body: { update_id: number }) => {
    const res = await post(body);
    expect({ status: res.status, body: res.body }).toEqual({
      status: 200,
      body: { ok: true, duplicate: false },
    });
  };

  const stored = (providerMessageId: string) =>
    waitFor(`message ${providerMessageId}`, async () => {
      const rows: StoredMessage[] = await t.db.query(
        `SELECT m.id, m.text, m.quoted, m.metadata, m.contact_id AS "contactId",
                COALESCE((SELECT json_agg(json_build_array(a.filename, a.content_type, a.size)
                                          ORDER BY a.created_at, a.filename)
                            FROM attachments a WHERE a.message_id = m.id), '[]') AS files
           FROM messages m WHERE m.channel_id = $1 AND m.provider_message_id = $2`,
        [channel.id, providerMessageId],
      );
      return rows[0];
    });

  /** The inbound event of an update, once the worker finished with it. */
  const eventOf = (providerMessageId: string, channelId = channel.id) =>
    waitFor(`event ${providerMessageId} processed`, async () => {
      const rows: { status: string; last_error: string | null; payload: unknown }[] =
        await t.db.query(
          `SELECT status, last_error, payload FROM inbound_events
            WHERE channel_id = $1 AND provider_message_id = $2`,
          [channelId, providerMessageId],
        );
      return rows[0]?.status !== 'pending' && rows[0];
    });

  const key = (m: { chat: { id: number }; message_id: number }) => `${m.chat.id}:${m.message_id}`;

  /** A customer wrote; answers the id of their conversation. */
  const conversationOf = async (from: Customer, text = 'Hallo') => {
    await deliver(update({ message: messageOf(from, { text }) }));
    const contactId = await waitForContactOf(t.db, 'telegram', from.id);
    const [row] = await waitFor('the conversation', async () => {
      const rows: { id: string }[] = await t.db.query(
        'SELECT id FROM conversations WHERE contact_id = $1',
        [contactId],
      );
      return rows.length ? rows : null;
    });
    return row.id;
  };

  const reply = async (conversationId: string, body: string) => {
    const res = await agent
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'reply', body, clientMessageId: randomUUID() });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  const delivery = (messageId: string, until: (status: string) => boolean) =>
    waitFor(
      `reply ${messageId} delivered`,
      async () => {
        const [row]: {
          status: string;
          error: string | null;
          attempts: number;
          providerId: string | null;
          metadata: Record<string, unknown>;
        }[] = await t.db.query(
          `SELECT delivery_status AS status, delivery_error AS error, delivery_attempts AS attempts,
                  provider_message_id AS "providerId", metadata FROM messages WHERE id = $1`,
          [messageId],
        );
        return until(row.status) && row;
      },
      15_000,
    );

  beforeAll(async () => {
    telegram = await new FakeTelegram().start();
    t = await startTestApp({ PUBLIC_URL });
    teamId = (await makeTeam(t.db, 'Service')).id;
    admin = as(t.url, (await login(t.url, await makeUser(t.db, { role: 'admin' }))).accessToken);
    agent = as(
      t.url,
      (await login(t.url, await makeUser(t.db, { teams: [teamId], name: 'Anna' }))).accessToken,
    );
    botToken = telegram.addBot();
    const created = await createChannel({
      botToken,
      secretToken: SECRET,
      apiBaseUrl: telegram.url,
    });
    expect(created.status).toBe(201);
    channel = await t.db.getRepository(Channel).findOneByOrFail({ id: created.body.id });
  });
  afterAll(async () => {
    await t?.close();
    await telegram?.stop();
  });

  describe('set-up', () => {
    it('registers the webhook with its URL, the secret token and the updates it reads when an admin creates the channel', async () => {
      const token = telegram.addBot();
      const res = await createChannel({
        botToken: token,
        secretToken: SECRET,
        apiBaseUrl: telegram.url,
      });
      expect(res.status).toBe(201);
      const dto = res.body as ChannelDto;
      const webhook = `${PUBLIC_URL}/webhooks/telegram/${dto.id}`;
      expect(telegram.webhooks.get(token)).toEqual({
        url: webhook,
        secret_token: SECRET,
        allowed_updates: ALLOWED_UPDATES,
      });
      expect(dto).toMatchObject({
        enabled: true,
        endpoints: { webhook },
        config: { botToken: SECRET_MASK, secretToken: SECRET_MASK },
      });
    });

    it('a bot token Telegram refuses is a 400 naming it and nothing is saved; new settings Telegram refuses leave a working channel as it was', async () => {
      const res = await createChannel(
        { botToken: '123456:not-a-real-token', secretToken: SECRET, apiBaseUrl: telegram.url },
        'Telegram with a wrong token',
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'channels.not_connected' });
      expect(res.body.message).toMatch(
        /^Telegram does not accept the bot token .*config\.botToken/,
      );
      expect(res.body.message).toMatch(/Nothing was saved/);
      expect(res.body.message).not.toContain('not-a-real-token');
      expect(res.text).not.toMatch(/\n\s+at /);
      const list = (await admin.get('/api/channels')).body as ChannelDto[];
      expect(list.filter((c) => c.name === 'Telegram with a wrong token')).toEqual([]);

      // A working channel given a token Telegram refuses keeps its settings and keeps receiving.
      const working = await createChannel(
        { botToken: telegram.addBot(), secretToken: SECRET, apiBaseUrl: telegram.url },
        'Telegram that works',
      );
      expect(working.status).toBe(201);
      const refused = await admin.patch(`/api/channels/${working.body.id}`).send({
        config: {
          botToken: '123456:not-a-real-token',
          secretToken: SECRET_MASK,
          apiBaseUrl: telegram.url,
        },
      });
      expect(refused.status).toBe(400);
      const after = (await admin.get(`/api/channels/${working.body.id}`)).body as ChannelDto;
      expect(after.enabled).toBe(true);
      const kept = await t.db.getRepository(Channel).findOneByOrFail({ id: working.body.id });
      expect((kept.config as { botToken: string }).botToken).not.toBe('123456:not-a-real-token');
      expect((await post(update({}), SECRET, working.body.id)).status).toBe(200);

      // Disabled: Telegram is told to keep the bot's updates instead of posting them here.
      const oldToken = (kept.config as { botToken: string }).botToken;
      expect(telegram.webhooks.get(oldToken)).toBeDefined();
      const disabled = await admin
        .patch(`/api/channels/${working.body.id}`)
        .send({ enabled: false });
      expect(disabled.status).toBe(200);
      expect(telegram.webhooks.get(oldToken)).toBeUndefined();
      expect(telegram.callsOf('deleteWebhook').at(-1)).toMatchObject({
        params: { drop_pending_updates: false },
      });
      // Enabled again with a good token: registered again.
      const token = telegram.addBot();
      const fixed = await admin.patch(`/api/channels/${working.body.id}`).send({
        enabled: true,
        config: { botToken: token, secretToken: SECRET_MASK, apiBaseUrl: telegram.url },
      });
      expect(fixed.status).toBe(200);
      expect(fixed.body.enabled).toBe(true);
      expect(telegram.webhooks.get(token)).toMatchObject({
        url: `${PUBLIC_URL}/webhooks/telegram/${working.body.id}`,
        secret_token: SECRET,
      });
    });

    it('Telegram being unavailable is a 502 saying so; a rename does not call Telegram', async () => {
      telegram.failNext('setWebhook', { status: 502, description: 'Bad Gateway' });
      const res = await createChannel(
        { botToken: telegram.addBot(), secretToken: SECRET, apiBaseUrl: telegram.url },
        'Telegram during an outage',
      );
      expect(res.status).toBe(502);
      expect(res.body.message).toMatch(/^Telegram is unavailable right now \(502 Bad Gateway\)/);
      expect(res.body.message).toMatch(/Nothing was saved; saving again tries again\.$/);
      const away = await createChannel(
        { botToken: telegram.addBot(), secretToken: SECRET, apiBaseUrl: 'http://127.0.0.1:1' },
        'Telegram out of reach',
      );
      expect(away.status).toBe(502);
      expect(away.body.message).toMatch(/^Telegram could not be reached: /);
      expect(away.body.message.match(/could not be reached/g)).toHaveLength(1);

      const before = telegram.callsOf('setWebhook').length;
      const renamed = await admin.patch(`/api/channels/${channel.id}`).send({ name: 'Telegram' });
      expect(renamed.status).toBe(200);
      expect(telegram.callsOf('setWebhook')).toHaveLength(before);
    });

    it('a PUBLIC_URL that is not https is refused by Telegram, and the 400 names PUBLIC_URL', async () => {
      // Another api process on the same database, without an https address.
      const plain = await startTestApp({ ROLE: 'api' }, t.config.database.url);
      try {
        const token = telegram.addBot();
        const api = as(
          plain.url,
          (await login(plain.url, await makeUser(plain.db, { role: 'admin' }))).accessToken,
        );
        const res = await api.post('/api/channels').send({
          kind: 'telegram',
          name: 'Telegram on http',
          teamId,
          config: { botToken: token, secretToken: SECRET, apiBaseUrl: telegram.url },
        });
        expect(res.status).toBe(400);
        expect(res.body.message).toContain('An HTTPS URL must be provided for webhook');
        expect(res.body.message).toContain(
          'PUBLIC_URL must be an https address Telegram can reach',
        );
        expect(telegram.webhooks.has(token)).toBe(false);
      } finally {
        await plain.close();
      }
    });

    it('a check says the bot is connected, or what is wrong: the webhook elsewhere, deliveries failing', async () => {
      const token = telegram.addBot();
      const created = await createChannel(
        { botToken: token, secretToken: SECRET, apiBaseUrl: telegram.url },
        'Telegram to check',
      );
      const check = () => admin.post(`/api/channels/${created.body.id}/check`).send();
      const webhook = `${PUBLIC_URL}/webhooks/telegram/${created.body.id}`;
      expect((await check()).body).toEqual({
        ok: true,
        message: `@support_bot is connected: Telegram delivers its updates to ${webhook}`,
      });

      telegram.webhookErrors.set(token, {
        at: new Date(),
        message: 'Wrong response from the webhook: 401 Unauthorized',
      });
      const failing = await check();
      expect(failing.status).toBe(200);
      expect(failing.body.ok).toBe(false);
      expect(failing.body.message).toContain('Wrong response from the webhook: 401 Unauthorized');
      // An error from long ago is history, not a problem now.
      telegram.webhookErrors.set(token, {
        at: new Date(Date.now() - 2 * 3600_000),
        message: 'Connection timed out',
      });
      expect((await check()).body.ok).toBe(true);

      telegram.webhooks.set(token, { url: 'https://elsewhere.example/hook' });
      const moved = await check();
      expect(moved.body).toEqual({
        ok: false,
        message: `@support_bot delivers its updates to https://elsewhere.example/hook, not to ${webhook}: save the channel again to register the webhook`,
      });
    });

    it('refuses a secret token Telegram would not take before saving anything', async () => {
      const res = await createChannel({
        botToken: telegram.addBot(),
        secretToken: 'with spaces and ümlauts',
        apiBaseUrl: telegram.url,
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('config.secretToken may only contain A-Z, a-z, 0-9, _ and -');
    });
  });

  describe('receiving', () => {
    it('refuses a wrong or missing secret token with 401 and stores nothing; unknown channels are 404', async () => {
      const from = customer();
      const body = update({ message: messageOf(from, { text: 'forged' }) });
      const wrong = await post(body, 'tg-secret_0123456780');
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        code: 'webhooks.invalid_secret_token',
        message: 'Missing or wrong X-Telegram-Bot-Api-Secret-Token header',
      });
      expect((await post(body, null)).status).toBe(401);
      const [{ n }] = await t.db.query(
        'SELECT count(*)::int AS n FROM inbound_events WHERE channel_id = $1 AND provider_message_id = $2',
        [channel.id, String(body.update_id)],
      );
      expect(n).toBe(0);
      expect((await post(body, SECRET, randomUUID())).status).toBe(404);
    });

    it('stores an update once however often Telegram delivers it', async () => {
      const from = customer();
      const body = update({ message: messageOf(from, { text: 'Einmal bitte' }) });
      const answers = await Promise.all([1, 2, 3].map(() => post(body)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);
      await stored(key(body.message));
      expect((await post(body)).body).toEqual({ ok: true, duplicate: true });
      await drainQueues(t);
      const rows = await t.db.query(
        'SELECT count(*)::int AS n FROM messages WHERE channel_id = $1 AND provider_message_id = $2',
        [channel.id, key(body.message)],
      );
      expect(rows[0].n).toBe(1);
    });

    it('stores every kind of customer message with its text, its largest photo, its file or a placeholder', async () => {
      const from = customer('Karl', 'Kunde');
      const bytes = (n: number, fill: string) => Buffer.alloc(n, fill);
      const file = (content: Buffer, path: string) => telegram.addFile(content, path);
      const photo = bytes(3000, 'p');
      const cases: {
        name: string;
        fields: Record<string, unknown>;
        text: string;
        files?: [string, string, number][];
      }[] = [
        {
          name: 'text',
          fields: { text: 'Hallo 👋 wo ist mein Paket? 📦' },
          text: 'Hallo 👋 wo ist mein Paket? 📦',
        },
        {
          name: 'photo',
          fields: {
            caption: 'Das kam kaputt an 😢',
            // Telegram lists sizes small to large; only the largest is fetched (the others are unknown to the fake).
            photo: [
              {
                file_id: 'small-unknown',
                file_unique_id: 'ps',
                width: 90,
                height: 90,
                file_size: 900,
              },
              {
                file_id: 'mid-unknown',
                file_unique_id: 'pm',
                width: 320,
                height: 320,
                file_size: 1500,
              },
              {
                file_id: file(photo, 'photos/file_1.jpg'),
                file_unique_id: 'AQADbig',
                width: 1280,
                height: 960,
                file_size: photo.length,
              },
            ],
          },
          text: 'Das kam kaputt an 😢',
          files: [['photo-AQADbig.jpg', 'image/jpeg', 3000]],
        },
        {
          name: 'audio',
          fields: {
            audio: {
              file_id: file(bytes(400, 'a'), 'music/file_2.mp3'),
              file_unique_id: 'au1',
              duration: 200,
              performer: 'Die Band',
              title: 'Das Lied',
              file_name: 'lied.mp3',
              mime_type: 'audio/mpeg',
            },
          },
          text: '[Audio: Die Band – Das Lied]',
          files: [['lied.mp3', 'audio/mpeg', 400]],
        },
        {
          name: 'voice',
          fields: {
            voice: {
              file_id: file(bytes(500, 'v'), 'voice/file_3.oga'),
              file_unique_id: 'vo1',
              duration: 7,
              mime_type: 'audio/ogg',
            },
          },
          text: '[Voice message, 0:07]',
          files: [['voice-vo1.ogg', 'audio/ogg', 500]],
        },
        {
          name: 'video',
          fields: {
            caption: 'So sieht es aus',
            video: {
              file_id: file(bytes(600, 'w'), 'videos/file_4.mp4'),
              file_unique_id: 'vi1',
              width: 640,
              height: 480,
              duration: 3,
              file_name: 'schaden.mp4',
              mime_type: 'video/mp4',
            },
          },
          text: 'So sieht es aus',
          files: [['schaden.mp4', 'video/mp4', 600]],
        },
        {
          name: 'video_note',
          fields: {
            video_note: {
              file_id: file(bytes(700, 'n'), 'video_notes/file_5.mp4'),
              file_unique_id: 'vn1',
              length: 240,
              duration: 12,
            },
          },
          text: '[Video message, 0:12]',
          files: [['video-message-vn1.mp4', 'video/mp4', 700]],
        },
        {
          name: 'animation',
          // Telegram also fills `document` for an animation, for older clients.
          fields: (() => {
            const anim = {
              file_id: file(bytes(800, 'g'), 'animations/file_6.mp4'),
              file_unique_id: 'an1',
              width: 200,
              height: 200,
              duration: 2,
              file_name: 'lustig.mp4',
              mime_type: 'video/mp4',
            };
            return { animation: anim, document: { ...anim } };
          })(),
          text: '[GIF]',
          files: [['lustig.mp4', 'video/mp4', 800]],
        },
        {
          name: 'document',
          fields: {
            document: {
              file_id: file(bytes(900, 'd'), 'documents/file_7.pdf'),
              file_unique_id: 'do1',
              file_name: 'Rechnung 4711.pdf',
              mime_type: 'application/pdf',
            },
          },
          text: '[File: Rechnung 4711.pdf]',
          files: [['Rechnung 4711.pdf', 'application/pdf', 900]],
        },
        {
          name: 'sticker',
          fields: {
            sticker: {
              file_id: file(bytes(100, 's'), 'stickers/file_8.webp'),
              file_unique_id: 'st1',
              type: 'regular',
              width: 512,
              height: 512,
              is_animated: false,
              is_video: false,
              emoji: '😀',
            },
          },
          text: '[Sticker 😀]',
          files: [['sticker-st1.webp', 'image/webp', 100]],
        },
        {
          name: 'location',
          fields: { location: { latitude: 52.520008, longitude: 13.404954 } },
          text: '[Location] 52.520008, 13.404954\nhttps://www.openstreetmap.org/?mlat=52.520008&mlon=13.404954#map=17/52.520008/13.404954',
        },
        {
          name: 'venue',
          fields: {
            location: { latitude: 52.5219, longitude: 13.4132 },
            venue: {
              location: { latitude: 52.5219, longitude: 13.4132 },
              title: 'Filiale Mitte',
              address: 'Alexanderplatz 1, Berlin',
            },
          },
          text: '[Venue] Filiale Mitte\nAlexanderplatz 1, Berlin\nhttps://www.openstreetmap.org/?mlat=52.5219&mlon=13.4132#map=17/52.5219/13.4132',
        },
        {
          name: 'contact',
          // Their own number (user_id is theirs), written the way Telegram does, without "+".
          fields: {
            contact: {
              phone_number: '4915112345678',
              first_name: 'Karl',
              last_name: 'Kunde',
              user_id: from.user.id,
            },
          },
          text: '[Contact] Karl Kunde, 4915112345678',
        },
        {
          name: 'poll',
          fields: {
            poll: {
              id: 'p1',
              question: 'Welche Farbe?',
              options: [
                { text: 'Rot', voter_count: 0 },
                { text: 'Blau', voter_count: 0 },
              ],
              total_voter_count: 0,
              is_closed: false,
              is_anonymous: true,
              type: 'regular',
              allows_multiple_answers: false,
            },
          },
          text: '[Poll] Welche Farbe?\n- Rot\n- Blau',
        },
        { name: 'dice', fields: { dice: { emoji: '🎲', value: 4 } }, text: '[Dice 🎲] 4' },
        {
          name: 'unknown',
          fields: { story: { chat: from.chat, id: 17 } },
          text: "[Telegram: unsupported message type 'story']",
        },
      ];
      const sent = cases.map((c) => ({ ...c, message: messageOf(from, c.fields) }));
      for (const c of sent) await deliver(update({ message: c.message }));

      const got = await Promise.all(sent.map((c) => stored(key(c.message))));
      expect(got.map((m, i) => ({ type: sent[i].name, text: m.text, files: m.files }))).toEqual(
        sent.map((c) => ({ type: c.name, text: c.text, files: c.files ?? [] })),
      );
      expect(got.every((m) => !m.metadata.droppedAttachments)).toBe(true);

      // One contact: the Telegram chat id, proven by Telegram, named after the sender; the number
      // they shared as their own is kept with it.
      expect(new Set(got.map((m) => m.contactId)).size).toBe(1);
      const [contact] = await t.db.query('SELECT name FROM contacts WHERE id = $1', [
        got[0].contactId,
      ]);
      expect(contact.name).toBe(`Karl Kunde (@${from.user.username})`);
      const identities = await t.db.query(
        'SELECT kind, address, verified FROM contact_identities WHERE contact_id = $1 ORDER BY kind',
        [got[0].contactId],
      );
      expect(identities).toEqual([
        { kind: 'phone', address: '+4915112345678', verified: false },
        { kind: 'telegram', address: from.id, verified: true },
      ]);
    });

    it('drops a file over the 20 MB bots may download with the reason, and still stores the text', async () => {
      const from = customer();
      const announced = messageOf(from, {
        caption: 'Das ganze Video',
        document: {
          file_id: 'never-asked-for',
          file_unique_id: 'big1',
          file_name: 'gross.mp4',
          mime_type: 'video/mp4',
          file_size: 25 * 1024 * 1024,
        },
      });
      // No size in the message: getFile tells.
      const unannounced = messageOf(from, {
        caption: 'Noch eins',
        video: {
          file_id: telegram.addFile(Buffer.from('x'), 'videos/huge.mp4', 21 * 1024 * 1024),
          file_unique_id: 'big2',
          width: 1,
          height: 1,
          duration: 600,
        },
      });
      await deliver(update({ message: announced }));
      await deliver(update({ message: unannounced }));
      const [first, second] = [await stored(key(announced)), await stored(key(unannounced))];
      expect([first.text, first.files, first.metadata.droppedAttachments]).toEqual([
        'Das ganze Video',
        [],
        ['gross.mp4: 25.0 MB, larger than the 20 MB Telegram lets bots download'],
      ]);
      expect([second.text, second.files, second.metadata.droppedAttachments]).toEqual([
        'Noch eins',
        [],
        ['video-big2.mp4: larger than the 20 MB Telegram lets bots download'],
      ]);
      expect(telegram.callsOf('getFile').some((c) => c.params.file_id === 'never-asked-for')).toBe(
        false,
      );
    });

    it('keeps the message a customer answered as quoted history', async () => {
      const from = customer();
      const answered = {
        message_id: ++messageId,
        from: { id: 999, is_bot: true, first_name: 'Support' },
        chat: from.chat,
        date: Math.floor(Date.now() / 1000) - 60,
        text: 'Ihre Bestellung ist unterwegs.',
      };
      const message = messageOf(from, { text: 'Wann kommt sie an?', reply_to_message: answered });
      await deliver(update({ message }));
      const got = await stored(key(message));
      expect([got.text, got.quoted]).toEqual([
        'Wann kommt sie an?',
        'Support wrote:\nIhre Bestellung ist unterwegs.',
      ]);
    });

    it('stores an edit and reactions in words that name the earlier message', async () => {
      const from = customer();
      const original = messageOf(from, { text: 'Ich brauche Größe M' });
      await deliver(update({ message: original }));
      await stored(key(original));

      const edit = update({
        edited_message: { ...original, text: 'Ich brauche Größe L', edit_date: original.date + 30 },
      });
      await deliver(edit);
      const reaction = (old: string[], now: string[]) =>
        update({
          message_reaction: {
            chat: from.chat,
            message_id: original.message_id,
            user: from.user,
            date: original.date + 60,
            old_reaction: old.map((emoji) => ({ type: 'emoji', emoji })),
            new_reaction: now.map((emoji) => ({ type: 'emoji', emoji })),
          },
        });
      const liked = reaction([], ['👍']);
      const unliked = reaction(['👍'], []);
      await deliver(liked);
      await deliver(unliked);

      const edited = await stored(`${key(original)}:edit:${edit.update_id}`);
      expect([edited.text, edited.quoted]).toEqual([
        '[Edited message] Ich brauche Größe L',
        'Original message:\nIch brauche Größe M',
      ]);
      expect((await stored(`${key(original)}:reaction:${liked.update_id}`)).text).toBe(
        '[Reaction] 👍 to "Ich brauche Größe M"',
      );
      expect((await stored(`${key(original)}:reaction:${unliked.update_id}`)).text).toBe(
        '[Reaction removed] 👍 from "Ich brauche Größe M"',
      );
      // The original stays as it was.
      expect((await stored(key(original))).text).toBe('Ich brauche Größe M');
    });

    it('ignores what is not a customer message with the reason, and keeps a delivery it cannot read', async () => {
      const from = customer();
      const memberUpdate = update({
        my_chat_member: {
          chat: from.chat,
          from: from.user,
          date: 1,
          old_chat_member: {},
          new_chat_member: {},
        },
      });
      const group = update({
        message: {
          ...messageOf(from, { text: 'in der Gruppe' }),
          chat: { id: -100123, type: 'supergroup', title: 'Fans' },
        },
      });
      const bot = update({
        message: {
          ...messageOf(from, { text: 'beep' }),
          from: { id: 5, is_bot: true, first_name: 'Other bot' },
        },
      });
      const liveLocation = update({
        edited_message: messageOf(from, {
          location: { latitude: 1, longitude: 2, live_period: 900 },
          edit_date: 5,
        }),
      });
      for (const u of [memberUpdate, group, bot, liveLocation]) await deliver(u);
      const reasons = await Promise.all(
        [memberUpdate, group, bot, liveLocation].map(async (u) => {
          const e = await eventOf(String(u.update_id));
          return [e.status, e.last_error];
        }),
      );
      expect(reasons).toEqual([
        ['ignored', "Telegram update of type 'my_chat_member' is not a customer message"],
        ['ignored', 'Telegram supergroup chats are not supported, only private chats with the bot'],
        ['ignored', 'Message of a bot'],
        ['ignored', 'Update of a live location'],
      ]);

      // Not an update at all: taken and kept as it came, failed with the reason.
      const odd = await post({ hello: 'world' });
      expect(odd.status).toBe(200);
      const [row]: { provider_message_id: string }[] = await t.db.query(
        `SELECT provider_message_id FROM inbound_events
          WHERE channel_id = $1 AND payload = '{"hello":"world"}'::jsonb`,
        [channel.id],
      );
      const event = await eventOf(row.provider_message_id);
      expect(event).toMatchObject({
        status: 'failed',
        last_error: 'Not a Telegram update: no update_id',
        payload: { hello: 'world' },
      });
    });
  });

  describe('replying', () => {
    it("sends an agent's reply to the customer's chat and names it when the customer reacts", async () => {
      const from = customer();
      const conversationId = await conversationOf(from);
      const id = await reply(conversationId, 'Ihre Bestellung ist unterwegs. 📦');
      const sent = await delivery(id, (s) => s === 'sent');
      const [call] = telegram.callsOf('sendMessage', from.id);
      expect(call.params).toEqual({ chat_id: from.id, text: 'Ihre Bestellung ist unterwegs. 📦' });
      expect(call.token).toBe(botToken);
      expect(sent.providerId).toMatch(new RegExp(`^${from.id}:\\d+$`));

      const telegramId = Number(sent.providerId?.split(':')[1]);
      const liked = update({
        message_reaction: {
          chat: from.chat,
          message_id: telegramId,
          user: from.user,
          date: Math.floor(Date.now() / 1000),
          old_reaction: [],
          new_reaction: [{ type: 'emoji', emoji: '❤' }],
        },
      });
      await deliver(liked);
      expect((await stored(`${sent.providerId}:reaction:${liked.update_id}`)).text).toBe(
        '[Reaction] ❤ to "Ihre Bestellung ist unterwegs. 📦"',
      );
    });

    it('splits a reply longer than 4096 characters into several messages and records every id', async () => {
      const from = customer();
      const conversationId = await conversationOf(from);
      const paragraphs = [1, 2, 3].map((n) => `Teil ${n}: ${'Wort '.repeat(700).trim()}`);
      const id = await reply(conversationId, paragraphs.join('\n\n'));
      const sent = await delivery(id, (s) => s === 'sent');
      const calls = telegram.callsOf('sendMessage', from.id);
      expect(calls.map((c) => c.params.text)).toEqual(paragraphs);
      expect(calls.every((c) => String(c.params.text).length <= 4096)).toBe(true);
      const ids = sent.metadata.telegramMessageIds as string[];
      expect(ids).toHaveLength(3);
      expect(new Set(ids).size).toBe(3);
      expect(sent.providerId).toBe(ids[0]);
    });

    it('waits out a short rate limit between the parts of a long reply instead of sending earlier parts again', async () => {
      const from = customer();
      const conversationId = await conversationOf(from);
      telegram.failNext('sendMessage', null, {
        status: 429,
        description: 'Too Many Requests: retry after 1',
        retryAfter: 1,
      });
      const paragraphs = [1, 2].map((n) => `Teil ${n}: ${'Wort '.repeat(700).trim()}`);
      const id = await reply(conversationId, paragraphs.join('\n\n'));
      const sent = await delivery(id, (s) => s === 'sent');
      const calls = telegram.callsOf('sendMessage', from.id);
      expect(calls.map((c) => [c.status, c.params.text])).toEqual([
        [200, paragraphs[0]],
        [429, paragraphs[1]],
        [200, paragraphs[1]],
      ]);
      expect(sent.attempts).toBe(1);
      expect(sent.metadata.telegramMessageIds).toHaveLength(2);
    });

    it('a failure after the first parts arrived ends failed, saying what arrived, without sending them twice', async () => {
      const from = customer();
      const conversationId = await conversationOf(from);
      telegram.failNext('sendMessage', null, { status: 500, description: 'Internal Server Error' });
      const paragraphs = [1, 2, 3].map((n) => `Teil ${n}: ${'Wort '.repeat(700).trim()}`);
      const failed = await delivery(
        await reply(conversationId, paragraphs.join('\n\n')),
        (s) => s === 'failed',
      );
      expect(failed.error).toBe(
        'Telegram took 1 of 3 parts of this reply, then: Telegram is unavailable (500): Internal Server Error. Send the rest as a new reply.',
      );
      expect(telegram.callsOf('sendMessage', from.id).map((c) => c.status)).toEqual([200, 500]);
    });

    it('uploads files as a photo and a document (multipart/form-data) after the text', async () => {
      const from = customer();
      const adapter = t.app.get(TelegramAdapter);
      const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(200, 1)]);
      const pdf = Buffer.from('%PDF-1.4 Rechnung');
      const ctx: OutboundContext = {
        channel,
        message: {
          id: randomUUID(),
          text: 'Anbei Foto und Rechnung',
          subject: null,
          attachments: [
            { filename: 'foto.jpg', contentType: 'image/jpeg', content: jpeg, ...linked(jpeg) },
            {
              filename: 'Rechnung "März".pdf',
              contentType: 'application/pdf',
              content: pdf,
              ...linked(pdf),
            },
          ],
        },
        conversation: { id: randomUUID(), subject: null, replyToken: 'tok' },
        contact: { id: randomUUID(), name: 'Karl Kunde' },
        recipient: { kind: 'telegram', address: from.id, verified: true },
        author: { id: null, name: 'Anna' },
        threading: { references: [] },
      };
      const result = await adapter.send(ctx);
      const calls = telegram.calls.filter((c) => String(c.params.chat_id) === from.id);
      expect(calls.map((c) => c.method)).toEqual(['sendMessage', 'sendPhoto', 'sendDocument']);
      expect(calls[1].files.map((f) => [f.field, f.filename, f.contentType])).toEqual([
        ['photo', 'foto.jpg', 'image/jpeg'],
      ]);
      expect(calls[1].files[0].content.equals(jpeg)).toBe(true);
      expect(calls[2].files.map((f) => [f.field, f.filename, f.contentType])).toEqual([
        ['document', 'Rechnung "März".pdf', 'application/pdf'],
      ]);
      expect(calls[2].files[0].content.equals(pdf)).toBe(true);
      expect(result.metadata?.telegramMessageIds).toHaveLength(3);
    });

    it('a customer who blocked the bot: failed at once, in words the agent can act on', async () => {
      const from = customer();
      const conversationId = await conversationOf(from);
      telegram.blocked.add(from.id);
      const id = await reply(conversationId, 'Hallo?');
      const failed = await delivery(id, (s) => s === 'failed');
      expect(failed.error).toBe(
        'The customer blocked the bot: they must unblock it before replies arrive',
      );
      expect(failed.attempts).toBe(1);
      expect(telegram.callsOf('sendMessage', from.id)).toHaveLength(1);
    });

    it('a chat Telegram does not know fails with the reason', async () => {
      const from = customer();
      const conversationId = await conversationOf(from);
      telegram.unknownChats.add(from.id);
      const failed = await delivery(await reply(conversationId, 'Hallo?'), (s) => s === 'failed');
      expect(failed.error).toMatch(/^Telegram does not know this chat \(chat not found\)/);
    });

    it('is retried after Telegram asks to slow down (429), and sent once', async () => {
      const from = customer();
      const conversationId = await conversationOf(from);
      telegram.failNext('sendMessage', {
        status: 429,
        description: 'Too Many Requests: retry after 1',
        retryAfter: 1,
      });
      const id = await reply(conversationId, 'Gleich da');
      const sent = await delivery(id, (s) => s === 'sent');
      expect(telegram.callsOf('sendMessage', from.id).map((c) => c.status)).toEqual([429, 200]);
      expect(sent.attempts).toBe(2);
    });
  });
});

/** What the outbound job adds to a file it hands an adapter (this adapter uploads the bytes). */
function linked(content: Buffer) {
  return { size: content.length, url: 'https://touchpoint.example.test/api/attachments/unused' };
}
