import { randomUUID } from 'node:crypto';
import {
  SECRET_MASK,
  type ChannelDto,
  type MessageDto,
  type ReplyChannelOptionDto,
} from '@touchpoint/shared';
import request from 'supertest';
import {
  PermanentDeliveryError,
  type OutboundContext,
} from '../src/modules/channels/channel-adapter';
import { Channel } from '../src/modules/channels/channel.entity';
import { GraphApiClient } from '../src/modules/channels/adapters/meta/graph-api.client';
import { InstagramAdapter } from '../src/modules/channels/adapters/meta/instagram.adapter';
import { MessengerAdapter } from '../src/modules/channels/adapters/meta/messenger.adapter';
import { signMetaBody } from '../src/modules/channels/adapters/meta/meta-signature';
import { WhatsappAdapter } from '../src/modules/channels/adapters/meta/whatsapp.adapter';
import { CallbackServer } from './helpers/callback-server';
import { waitForContactOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { FakeMeta } from './helpers/fake-meta';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { once, readyStaff } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const PUBLIC_URL = 'https://inbox.example.test';
const APP_SECRET = 'meta-app-secret-0123456789';
const VERIFY_TOKEN = 'verify-token-0123456789';
const TEMPLATE = {
  name: 'order_update',
  language: 'de',
  body: 'Hallo {{1}}, Ihre Bestellung {{2}} ist unterwegs.',
};

interface StoredMessage {
  id: string;
  text: string;
  quoted: string | null;
  metadata: Record<string, unknown>;
  contactId: string;
  conversationId: string;
  files: [string, string, number][];
}

/**
 * A body as Meta sends it: non-ASCII characters and slashes escaped. The signature covers these
 * exact bytes, so the webhook must check the raw body, not a re-serialised one.
 */
const metaJson = (body: unknown): string =>
  JSON.stringify(body)
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');

let serial = 0;
const nextId = () => `${Date.now().toString(36)}${(++serial).toString(36)}`;

/** A WhatsApp customer: their WhatsApp id is their number without the plus. */
function waCustomer(name = 'Jürgen Müller') {
  const waId = `49151${String(10_000_000 + Math.floor(Math.random() * 89_999_999))}`;
  return { waId, e164: `+${waId}`, name };
}
type WaCustomer = ReturnType<typeof waCustomer>;

const waMessage = (from: WaCustomer, fields: Record<string, unknown>) => ({
  from: from.waId,
  id: `wamid.HBgL${nextId()}`,
  timestamp: String(Math.floor(Date.now() / 1000)),
  ...fields,
});

/** A WhatsApp Cloud API webhook as Meta's examples show it. */
function waWebhook(
  phoneNumberId: string,
  value: { messages?: unknown[]; statuses?: unknown[]; contacts?: WaCustomer[] },
) {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', changes: [waChange(phoneNumberId, value)] }],
  };
}

function waChange(
  phoneNumberId: string,
  {
    messages,
    statuses,
    contacts,
  }: { messages?: unknown[]; statuses?: unknown[]; contacts?: WaCustomer[] },
) {
  return {
    field: 'messages',
    value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId },
      ...(contacts && {
        contacts: contacts.map((c) => ({ profile: { name: c.name }, wa_id: c.waId })),
      }),
      ...(messages && { messages }),
      ...(statuses && { statuses }),
    },
  };
}

const waStatus = (
  id: string,
  status: string,
  recipient: WaCustomer,
  extra: Record<string, unknown> = {},
) => ({
  id,
  status,
  timestamp: String(Math.floor(Date.now() / 1000)),
  recipient_id: recipient.waId,
  ...extra,
});

/** A Messenger or Instagram webhook with one event of `customerId`. */
function pageWebhook(
  object: 'page' | 'instagram',
  entryId: string,
  customerId: string,
  event: Record<string, unknown>,
  echo = false,
) {
  return {
    object,
    entry: [
      {
        id: entryId,
        time: Date.now(),
        messaging: [
          {
            sender: { id: echo ? entryId : customerId },
            recipient: { id: echo ? customerId : entryId },
            timestamp: Date.now(),
            ...event,
          },
        ],
      },
    ],
  };
}

describe('Meta channels: WhatsApp Cloud API, Messenger, Instagram', () => {
  let t: TestApp;
  let meta: FakeMeta;
  let thief: CallbackServer;
  let teamId: string;
  let admin: ReturnType<typeof as>;
  let agent: ReturnType<typeof as>;
  let agentToken: string;
  let whatsapp: Channel;
  let messenger: Channel;
  let instagram: Channel;
  let wa: { phoneNumberId: string; token: string };
  let fbPage: { pageId: string; token: string };
  let igPage: { pageId: string; token: string };

  const createChannel = async (
    kind: string,
    config: Record<string, unknown>,
    name = `${kind} ${nextId()}`,
  ) => {
    const res = await admin.post('/api/channels').send({ kind, name, teamId, config });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return t.db.getRepository(Channel).findOneByOrFail({ id: res.body.id });
  };

  const post = (
    channel: Channel,
    body: unknown,
    { secret = APP_SECRET, signature }: { secret?: string; signature?: string | null } = {},
  ) => {
    const raw = typeof body === 'string' ? body : metaJson(body);
    let req = request(t.url)
      .post(`/webhooks/meta/${channel.id}`)
      .set('Content-Type', 'application/json');
    const header = signature === undefined ? signMetaBody(raw, secret) : signature;
    if (header !== null) req = req.set('X-Hub-Signature-256', header);
    return req.send(raw);
  };

  /** POSTs a webhook as Meta does and expects every item of it taken. */
  const deliver = async (channel: Channel, body: unknown, items = 1) => {
    const res = await post(channel, body);
    expect({ status: res.status, body: res.body }).toEqual({
      status: 200,
      body: { ok: true, received: items, duplicates: 0 },
    });
  };

  const stored = (channelId: string, providerMessageId: string) =>
    waitFor(`message ${providerMessageId}`, async () => {
      const rows: StoredMessage[] = await t.db.query(
        `SELECT m.id, m.text, m.quoted, m.metadata, m.contact_id AS "contactId",
                m.conversation_id AS "conversationId",
                COALESCE((SELECT json_agg(json_build_array(a.filename, a.content_type, a.size)
                                          ORDER BY a.created_at, a.filename)
                            FROM attachments a WHERE a.message_id = m.id), '[]') AS files
           FROM messages m WHERE m.channel_id = $1 AND m.provider_message_id = $2`,
        [channelId, providerMessageId],
      );
      return rows[0];
    });

  /** The inbound event of a webhook item, once the worker finished with it. */
  const eventOf = (channelId: string, key: string) =>
    waitFor(`event ${key} processed`, async () => {
      const rows: { status: string; last_error: string | null }[] = await t.db.query(
        `SELECT status, last_error FROM inbound_events WHERE channel_id = $1 AND provider_message_id = $2`,
        [channelId, key],
      );
      return rows[0]?.status !== 'pending' && rows[0];
    });

  const countOf = async (sql: string, params: unknown[]) =>
    ((await t.db.query(sql, params)) as { n: number }[])[0].n;

  const conversationOf = async (kind: string, address: string) => {
    const contactId = await waitForContactOf(t.db, kind, address);
    const [row] = await waitFor('the conversation', async () => {
      const rows: { id: string }[] = await t.db.query(
        'SELECT id FROM conversations WHERE contact_id = $1 ORDER BY created_at',
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
    expect({ status: res.status, message: res.body.message }).toEqual({
      status: 201,
      message: undefined,
    });
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
      20_000,
    );

  /** A WhatsApp customer wrote; answers the id of their conversation. */
  const waConversation = async (from: WaCustomer, text = 'Hallo') => {
    await deliver(
      whatsapp,
      waWebhook(wa.phoneNumberId, {
        contacts: [from],
        messages: [waMessage(from, { type: 'text', text: { body: text } })],
      }),
    );
    return conversationOf('whatsapp', from.e164);
  };

  /** A reply of ours that Meta took: its id and its provider id. */
  const sentReply = async (conversationId: string, text: string) => {
    const id = await reply(conversationId, text);
    const { providerId } = await delivery(id, (s) => s === 'sent');
    return { id, providerId: providerId ?? '' };
  };

  const statusOf = async (messageId: string) =>
    (
      (await t.db.query(
        'SELECT delivery_status AS status, delivery_error AS error FROM messages WHERE id = $1',
        [messageId],
      )) as { status: string; error: string | null }[]
    )[0];

  beforeAll(async () => {
    meta = await new FakeMeta().start();
    thief = await new CallbackServer().start();
    t = await startTestApp({ PUBLIC_URL });
    teamId = (await makeTeam(t.db, 'Service')).id;
    admin = as(t.url, (await login(t.url, await makeUser(t.db, { role: 'admin' }))).accessToken);
    agentToken = (await login(t.url, await makeUser(t.db, { teams: [teamId], name: 'Anna' })))
      .accessToken;
    agent = as(t.url, agentToken);
    wa = meta.addWhatsappNumber();
    fbPage = meta.addPage('messenger');
    igPage = meta.addPage('instagram');
    meta.approveTemplate(TEMPLATE.name, TEMPLATE.language, 2);
    whatsapp = await createChannel('whatsapp', {
      phoneNumberId: wa.phoneNumberId,
      accessToken: wa.token,
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      apiBaseUrl: meta.url,
      templates: [TEMPLATE],
    });
    messenger = await createChannel('messenger', {
      pageId: fbPage.pageId,
      pageAccessToken: fbPage.token,
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      apiBaseUrl: meta.url,
    });
    instagram = await createChannel('instagram', {
      pageId: igPage.pageId,
      pageAccessToken: igPage.token,
      appSecret: APP_SECRET,
      verifyToken: VERIFY_TOKEN,
      apiBaseUrl: meta.url,
    });
  });
  afterAll(async () => {
    await t?.close();
    await meta?.stop();
    await thief?.stop();
  });

  describe('set-up and webhook security', () => {
    it('shows the callback URL to paste into the Meta app, secrets masked, and checks the settings with Meta', async () => {
      const dto = (await admin.get(`/api/channels/${whatsapp.id}`)).body as ChannelDto;
      expect(dto).toMatchObject({
        endpoints: { webhook: `${PUBLIC_URL}/webhooks/meta/${whatsapp.id}` },
        config: {
          phoneNumberId: wa.phoneNumberId,
          accessToken: SECRET_MASK,
          appSecret: SECRET_MASK,
          verifyToken: SECRET_MASK,
          templates: [TEMPLATE],
        },
      });
      const check = async (channel: Channel) =>
        (await admin.post(`/api/channels/${channel.id}/check`)).body;
      expect(await check(whatsapp)).toEqual({
        ok: true,
        message:
          'WhatsApp number +49 30 1234567, Touchpoint Test is connected (quality rating GREEN)',
      });
      expect(await check(messenger)).toEqual({
        ok: true,
        message: 'Messenger page Touchpoint Test Page is connected',
      });
      expect(await check(instagram)).toEqual({
        ok: true,
        message: 'Instagram @touchpoint.test (page Touchpoint Test Page) is connected',
      });
      meta.failNext('whatsapp.number', {
        status: 400,
        code: 190,
        message: 'Error validating access token: Session has expired',
      });
      expect(await check(whatsapp)).toEqual({
        ok: false,
        message:
          'Meta does not accept config.accessToken (Error validating access token: Session has expired): create a new token in the Meta app and save it here',
      });
      meta.subscribedFields.set(fbPage.pageId, []);
      expect((await check(messenger)).message).toMatch(
        /sends its messages to no app: subscribe it to the webhook fields messages, message_echoes/,
      );
      meta.subscribedFields.set(fbPage.pageId, ['messages']);
    });

    it('answers the subscription handshake with the challenge, as plain text, only for the verify token', async () => {
      const verify = (channel: Channel, query: Record<string, string>) =>
        request(t.url).get(`/webhooks/meta/${channel.id}`).query(query);
      for (const channel of [whatsapp, messenger, instagram]) {
        const ok = await verify(channel, {
          'hub.mode': 'subscribe',
          'hub.verify_token': VERIFY_TOKEN,
          'hub.challenge': '1158201444',
        });
        expect([ok.status, ok.headers['content-type'], ok.text]).toEqual([
          200,
          'text/plain; charset=utf-8',
          '1158201444',
        ]);
      }
      const wrong = await verify(whatsapp, {
        'hub.mode': 'subscribe',
        'hub.verify_token': 'verify-token-0123456780',
        'hub.challenge': '1',
      });
      expect([wrong.status, wrong.body.code]).toEqual([403, 'webhooks.verify_token_refused']);
      expect(
        (
          await verify(whatsapp, {
            'hub.mode': 'unsubscribe',
            'hub.verify_token': VERIFY_TOKEN,
            'hub.challenge': '1',
          })
        ).status,
      ).toBe(403);
      expect(
        (await verify(whatsapp, { 'hub.mode': 'subscribe', 'hub.challenge': '1' })).status,
      ).toBe(403);
      expect(
        (
          await request(t.url)
            .get(`/webhooks/meta/${randomUUID()}`)
            .query({ 'hub.mode': 'subscribe' })
        ).status,
      ).toBe(404);
    });

    it('refuses a forged, missing or stale signature with 401 and stores nothing', async () => {
      const from = waCustomer();
      const message = waMessage(from, { type: 'text', text: { body: 'gefälscht' } });
      const body = waWebhook(wa.phoneNumberId, { contacts: [from], messages: [message] });
      const forged = await post(whatsapp, body, { secret: 'another-app-secret-0000' });
      expect([forged.status, forged.body]).toEqual([
        401,
        {
          statusCode: 401,
          error: 'Unauthorized',
          code: 'webhooks.invalid_signature',
          message: 'Missing or wrong signature',
        },
      ]);
      expect((await post(whatsapp, body, { signature: null })).status).toBe(401);
      // Signed for other bytes (the same JSON, not escaped as Meta sends it).
      expect(
        (
          await post(whatsapp, metaJson(body), {
            signature: signMetaBody(JSON.stringify(body), APP_SECRET),
          })
        ).status,
      ).toBe(401);
      expect((await post(whatsapp, body, { signature: 'sha256=' })).status).toBe(401);
      await drainQueues(t);
      expect(
        await countOf(
          'SELECT count(*)::int AS n FROM inbound_events WHERE provider_message_id = $1',
          [`msg:${message.id}`],
        ),
      ).toBe(0);
      expect(
        await countOf('SELECT count(*)::int AS n FROM messages WHERE provider_message_id = $1', [
          message.id,
        ]),
      ).toBe(0);
    });
    it('keeps a signed body it cannot read, failed with the reason', async () => {
      const body = { hello: 'welt', nonce: nextId() };
      expect((await post(whatsapp, body)).body).toEqual({ ok: true, received: 1, duplicates: 0 });
      const [{ key }]: { key: string }[] = await t.db.query(
        `SELECT provider_message_id AS key FROM inbound_events WHERE channel_id = $1 AND payload->>'nonce' = $2`,
        [whatsapp.id, body.nonce],
      );
      expect(key).toMatch(/^body:[0-9a-f]{64}$/);
      expect(await eventOf(whatsapp.id, key)).toEqual({
        status: 'failed',
        last_error: 'Not a WhatsApp webhook: no entry list',
      });
    });
  });

  describe('WhatsApp: receiving', () => {
    it('handles a batched POST of several entries mixing messages and statuses: every item, none lost, a redelivery changes nothing', async () => {
      const anna = waCustomer('Anna Schäfer');
      const { id: ourReply, providerId } = await sentReply(
        await waConversation(anna),
        'Ihre Bestellung ist unterwegs 📦',
      );
      const ben = waCustomer('Ben Öztürk');
      const cleo = waCustomer('Cléo Dubois');
      const photo = Buffer.alloc(1500, 7);
      const mediaId = meta.addMedia(wa.phoneNumberId, photo, 'image/jpeg');
      const b1 = waMessage(ben, { type: 'text', text: { body: 'Erste Frage 🤔' } });
      const b2 = waMessage(ben, { type: 'text', text: { body: 'Zweite Frage' } });
      const c1 = waMessage(cleo, {
        type: 'image',
        image: { caption: 'Voilà', mime_type: 'image/jpeg', id: mediaId },
      });
      const body = {
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '102290129340398',
            changes: [
              waChange(wa.phoneNumberId, {
                contacts: [ben, cleo],
                messages: [b1, c1],
                statuses: [waStatus(providerId, 'delivered', anna)],
              }),
            ],
          },
          {
            id: '102290129340398',
            changes: [
              waChange(wa.phoneNumberId, { statuses: [waStatus(providerId, 'read', anna)] }),
              waChange(wa.phoneNumberId, { contacts: [ben], messages: [b2] }),
              {
                field: 'account_update',
                value: { phone_number: '15550783881', event: 'VERIFIED_ACCOUNT' },
              },
            ],
          },
        ],
      };
      await deliver(whatsapp, body, 6);
      const [first, second, image] = [
        await stored(whatsapp.id, b1.id),
        await stored(whatsapp.id, b2.id),
        await stored(whatsapp.id, c1.id),
      ];
      expect([first.text, second.text, image.text, image.files]).toEqual([
        'Erste Frage 🤔',
        'Zweite Frage',
        'Voilà',
        [['photo-' + c1.id.replace(/[^A-Za-z0-9]/g, '').slice(-12) + '.jpg', 'image/jpeg', 1500]],
      ]);
      expect(first.conversationId).toBe(second.conversationId);
      await waitFor('the reply read', async () => (await statusOf(ourReply)).status === 'read');
      const [{ key }]: { key: string }[] = await t.db.query(
        `SELECT provider_message_id AS key FROM inbound_events
          WHERE channel_id = $1 AND provider_message_id LIKE 'change:account_update:%'`,
        [whatsapp.id],
      );
      expect(await eventOf(whatsapp.id, key)).toEqual({
        status: 'ignored',
        last_error: "WhatsApp webhook field 'account_update' is not a customer message",
      });

      // Meta redelivers the same body: every item is a duplicate, nothing is stored twice.
      const again = await post(whatsapp, body);
      expect(again.body).toEqual({ ok: true, received: 6, duplicates: 6 });
      await drainQueues(t);
      expect(
        await countOf(
          'SELECT count(*)::int AS n FROM messages WHERE channel_id = $1 AND provider_message_id = ANY($2)',
          [whatsapp.id, [b1.id, b2.id, c1.id]],
        ),
      ).toBe(3);
    });

    it('stores a message once however often Meta delivers it, even at the same time', async () => {
      const from = waCustomer();
      const message = waMessage(from, { type: 'text', text: { body: 'Einmal bitte' } });
      const body = waWebhook(wa.phoneNumberId, { contacts: [from], messages: [message] });
      const answers = await Promise.all([1, 2, 3].map(() => post(whatsapp, body)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(answers.map((a) => a.body.duplicates).sort()).toEqual([0, 1, 1]);
      await stored(whatsapp.id, message.id);
      await drainQueues(t);
      expect(
        await countOf('SELECT count(*)::int AS n FROM messages WHERE provider_message_id = $1', [
          message.id,
        ]),
      ).toBe(1);
    });

    it('stores every kind of WhatsApp message: text, media fetched with the token, places, cards, buttons, reactions, replies, placeholders', async () => {
      const from = waCustomer('Jürgen Müller');
      const conversationId = await waConversation(from, 'Guten Tag');
      const ours = await sentReply(conversationId, 'Ihr Termin ist am Montag um 10 Uhr.');
      const media = (bytes: number, fill: number, mime: string) =>
        meta.addMedia(wa.phoneNumberId, Buffer.alloc(bytes, fill), mime);
      const cases: {
        message: Record<string, unknown>;
        text: string;
        quoted?: string;
        files?: [string, string, number][];
      }[] = [
        {
          message: { type: 'text', text: { body: 'Grüß Gott! Größe 42 für Jürgen 👟😀' } },
          text: 'Grüß Gott! Größe 42 für Jürgen 👟😀',
        },
        {
          message: {
            type: 'image',
            image: {
              caption: 'Das kam kaputt an 😢',
              mime_type: 'image/jpeg',
              id: media(3000, 1, 'image/jpeg'),
            },
          },
          text: 'Das kam kaputt an 😢',
          files: [['photo', 'image/jpeg', 3000]],
        },
        {
          message: {
            type: 'audio',
            audio: {
              mime_type: 'audio/ogg; codecs=opus',
              id: media(500, 2, 'audio/ogg; codecs=opus'),
              voice: true,
            },
          },
          text: '[Voice message]',
          files: [['audio', 'audio/ogg', 500]],
        },
        {
          message: {
            type: 'audio',
            audio: { mime_type: 'audio/mpeg', id: media(400, 3, 'audio/mpeg') },
          },
          text: '[Audio]',
          files: [['audio', 'audio/mpeg', 400]],
        },
        {
          message: {
            type: 'video',
            video: {
              caption: 'So sieht es aus',
              mime_type: 'video/mp4',
              id: media(600, 4, 'video/mp4'),
            },
          },
          text: 'So sieht es aus',
          files: [['video', 'video/mp4', 600]],
        },
        {
          message: {
            type: 'document',
            document: {
              filename: 'Rechnung März.pdf',
              mime_type: 'application/pdf',
              id: media(700, 5, 'application/pdf'),
            },
          },
          text: '[File: Rechnung März.pdf]',
          files: [['Rechnung März.pdf', 'application/pdf', 700]],
        },
        {
          message: {
            type: 'sticker',
            sticker: { mime_type: 'image/webp', id: media(100, 6, 'image/webp'), animated: false },
          },
          text: '[Sticker]',
          files: [['sticker', 'image/webp', 100]],
        },
        {
          message: {
            type: 'location',
            location: {
              latitude: 48.1374,
              longitude: 11.5755,
              name: 'Marienplatz',
              address: 'München',
            },
          },
          text: '[Location] Marienplatz, München\n48.1374, 11.5755\nhttps://www.openstreetmap.org/?mlat=48.1374&mlon=11.5755#map=17/48.1374/11.5755',
        },
        {
          message: {
            type: 'contacts',
            contacts: [
              {
                name: { formatted_name: 'Erika Mustermann' },
                phones: [{ phone: '+49 30 1234567', type: 'WORK' }],
              },
            ],
          },
          text: '[Contact] Erika Mustermann, +49 30 1234567',
        },
        {
          message: {
            type: 'interactive',
            interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Ja, passt' } },
          },
          text: '[Button] Ja, passt',
        },
        {
          message: {
            type: 'interactive',
            interactive: { type: 'list_reply', list_reply: { id: 'm', title: 'Größe M' } },
          },
          text: '[List choice] Größe M',
        },
        {
          message: { type: 'button', button: { payload: 'STOP', text: 'Keine Werbung' } },
          text: '[Button] Keine Werbung',
        },
        {
          message: { type: 'reaction', reaction: { message_id: ours.providerId, emoji: '👍' } },
          text: '[Reaction] 👍 to "Ihr Termin ist am Montag um 10 Uhr."',
          quoted: 'Ihr Termin ist am Montag um 10 Uhr.',
        },
        {
          message: {
            type: 'text',
            text: { body: 'Geht auch 11?' },
            context: { from: '15550783881', id: ours.providerId },
          },
          text: 'Geht auch 11?',
          quoted: 'Ihr Termin ist am Montag um 10 Uhr.',
        },
        {
          message: {
            type: 'unsupported',
            errors: [
              {
                code: 131051,
                title: 'Message type unknown',
                error_data: { details: 'Message type is currently not supported.' },
              },
            ],
          },
          text: "[WhatsApp: unsupported message type 'unsupported']\n[WhatsApp: WhatsApp does not support this type of message (131051)]",
        },
        {
          message: { type: 'poll_v9', poll_v9: { q: '?' } },
          text: "[WhatsApp: unsupported message type 'poll_v9']",
        },
      ];
      const messages = cases.map((c) => waMessage(from, c.message));
      await deliver(
        whatsapp,
        waWebhook(wa.phoneNumberId, { contacts: [from], messages }),
        messages.length,
      );
      const got = await Promise.all(messages.map((m) => stored(whatsapp.id, m.id)));
      expect(
        got.map((g) => ({
          text: g.text,
          quoted: g.quoted ?? undefined,
          files: g.files.map(([name, type, size]) => [
            name.replace(/-[A-Za-z0-9]{12}\.\w+$/, ''),
            type,
            size,
          ]),
        })),
      ).toEqual(cases.map((c) => ({ text: c.text, quoted: c.quoted, files: c.files ?? [] })));
      expect(new Set(got.map((g) => g.conversationId))).toEqual(new Set([conversationId]));
      // Every download carried the number's token, to Meta's media URL only.
      const downloads = meta.callsOf('whatsapp.media-download');
      expect(downloads.length).toBeGreaterThanOrEqual(6);
      expect(downloads.every((d) => d.token === wa.token && d.status === 200)).toBe(true);
    });

    it('the same number on SMS and WhatsApp is one contact; the WhatsApp profile names a new one', async () => {
      const from = waCustomer('Karla Kundin');
      const [{ id: contactId }] = await t.db.query(
        `INSERT INTO contacts (name) VALUES ('') RETURNING id`,
      );
      await t.db.query(
        `INSERT INTO contact_identities (contact_id, kind, address, verified) VALUES ($1, 'phone', $2, false)`,
        [contactId, from.e164],
      );
      const message = waMessage(from, { type: 'text', text: { body: 'Jetzt per WhatsApp' } });
      await deliver(
        whatsapp,
        waWebhook(wa.phoneNumberId, { contacts: [from], messages: [message] }),
      );
      expect((await stored(whatsapp.id, message.id)).contactId).toBe(contactId);
      const identities = await t.db.query(
        'SELECT kind, address, verified FROM contact_identities WHERE contact_id = $1 ORDER BY kind',
        [contactId],
      );
      expect(identities).toEqual([
        { kind: 'phone', address: from.e164, verified: true },
        { kind: 'whatsapp', address: from.e164, verified: true },
      ]);
      const [{ name }] = await t.db.query('SELECT name FROM contacts WHERE id = $1', [contactId]);
      expect(name).toBe('Karla Kundin');
    });

    it('fetches media only from Meta: no other host, no redirect, nothing too large; an outage is tried again', async () => {
      const from = waCustomer();
      const elsewhere = meta.addMedia(wa.phoneNumberId, Buffer.alloc(10, 1), 'image/jpeg', {
        url: `${thief.url}/steal`,
      });
      const redirected = meta.addMedia(wa.phoneNumberId, Buffer.alloc(10, 2), 'image/jpeg', {
        redirectTo: `${thief.url}/steal`,
      });
      const huge = meta.addMedia(wa.phoneNumberId, Buffer.alloc(10, 3), 'video/mp4', {
        announcedSize: 25 * 1024 * 1024,
      });
      const image = (id: string, caption: string) =>
        waMessage(from, { type: 'image', image: { caption, mime_type: 'image/jpeg', id } });
      const m1 = image(elsewhere, 'Anderer Host');
      const m2 = image(redirected, 'Umleitung');
      const m3 = waMessage(from, { type: 'video', video: { mime_type: 'video/mp4', id: huge } });
      const m4 = image('4040404040', 'Abgelaufen');
      await deliver(
        whatsapp,
        waWebhook(wa.phoneNumberId, { contacts: [from], messages: [m1, m2, m3, m4] }),
        4,
      );
      const got = await Promise.all([m1, m2, m3, m4].map((m) => stored(whatsapp.id, m.id)));
      const thiefHost = new URL(thief.url).host;
      const metaHost = new URL(meta.url).host;
      expect(
        got.map((g) => [
          g.text,
          g.files,
          (g.metadata.droppedAttachments as string[])[0].replace(/^[^:]+: /, ''),
        ]),
      ).toEqual([
        [
          'Anderer Host',
          [],
          `not fetched from ${thiefHost}: WhatsApp media is only fetched from ${metaHost} or lookaside.fbsbx.com`,
        ],
        ['Umleitung', [], `the download at ${metaHost} redirects elsewhere, which is not followed`],
        ['[Video]', [], '25.0 MB, larger than the 20 MB a file may have'],
        ['Abgelaufen', [], 'Meta refused it ((#100) Unsupported get request)'],
      ]);
      expect(thief.requests).toEqual([]);

      // Meta briefly failing: the event is tried again and the file arrives.
      const later = meta.addMedia(wa.phoneNumberId, Buffer.alloc(64, 9), 'image/png');
      meta.failNext('whatsapp.media-info', {
        status: 500,
        message: 'An unexpected error has occurred. Please retry your request later.',
      });
      const m5 = waMessage(from, { type: 'image', image: { mime_type: 'image/png', id: later } });
      await deliver(whatsapp, waWebhook(wa.phoneNumberId, { contacts: [from], messages: [m5] }));
      const retried = await waitFor(
        'the file fetched on a retry',
        async () => {
          const s = await stored(whatsapp.id, m5.id);
          return s.files.length ? s : null;
        },
        20_000,
      );
      expect([retried.text, retried.files[0][1], retried.files[0][2]]).toEqual([
        '[Photo]',
        'image/png',
        64,
      ]);
      expect(
        meta
          .callsOf('whatsapp.media-info')
          .filter((c) => c.path.endsWith(`/${later}`))
          .map((c) => c.status),
      ).toEqual([500, 200]);
    });

    it('a message for another number of the same Meta app goes to its channel; one for an unknown number is kept, ignored with the reason', async () => {
      const other = meta.addWhatsappNumber();
      const second = await createChannel('whatsapp', {
        phoneNumberId: other.phoneNumberId,
        accessToken: other.token,
        appSecret: APP_SECRET,
        verifyToken: VERIFY_TOKEN,
        apiBaseUrl: meta.url,
      });
      const from = waCustomer();
      const toSecond = waMessage(from, { type: 'text', text: { body: 'An die zweite Nummer' } });
      const toUnknown = waMessage(from, {
        type: 'text',
        text: { body: 'An eine unbekannte Nummer' },
      });
      const body = {
        object: 'whatsapp_business_account',
        entry: [
          {
            id: 'WABA',
            changes: [
              waChange(other.phoneNumberId, { contacts: [from], messages: [toSecond] }),
              waChange('999000999', { contacts: [from], messages: [toUnknown] }),
            ],
          },
        ],
      };
      await deliver(whatsapp, body, 2);
      expect((await stored(second.id, toSecond.id)).text).toBe('An die zweite Nummer');
      expect(await eventOf(whatsapp.id, `msg:${toUnknown.id}`)).toEqual({
        status: 'ignored',
        last_error: `For WhatsApp phone number id 999000999, not this channel's (${wa.phoneNumberId}): add a WhatsApp channel for that number`,
      });
    });
  });

  describe('WhatsApp: statuses', () => {
    it('moves a reply on as statuses come, in any order, never back, and tells the inbox live', async () => {
      const from = waCustomer();
      const { id, providerId } = await sentReply(await waConversation(from), 'Status bitte');
      const socket = await readyStaff(t.url, agentToken);
      try {
        const live = once<{ message: MessageDto }>(
          socket,
          'message.updated',
          (p) => p.message.id === id && p.message.deliveryStatus === 'read',
        );
        await deliver(
          whatsapp,
          waWebhook(wa.phoneNumberId, { statuses: [waStatus(providerId, 'read', from)] }),
        );
        await live;
        // "delivered" after "read" is old news.
        await deliver(
          whatsapp,
          waWebhook(wa.phoneNumberId, { statuses: [waStatus(providerId, 'delivered', from)] }),
        );
        expect(await eventOf(whatsapp.id, `status:${providerId}:delivered`)).toMatchObject({
          status: 'processed',
        });
        expect(await statusOf(id)).toEqual({ status: 'read', error: null });
      } finally {
        socket.disconnect();
      }
    });

    it('a failed status says why in words the agent can act on', async () => {
      const from = waCustomer();
      const { id, providerId } = await sentReply(await waConversation(from), 'Noch da?');
      await deliver(
        whatsapp,
        waWebhook(wa.phoneNumberId, {
          statuses: [
            waStatus(providerId, 'failed', from, {
              errors: [
                {
                  code: 131047,
                  title: 'Re-engagement message',
                  message: 'Re-engagement message',
                  error_data: {
                    details:
                      'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
                  },
                },
              ],
            }),
          ],
        }),
      );
      await waitFor('the reply failed', async () => (await statusOf(id)).status === 'failed');
      expect((await statusOf(id)).error).toBe(
        'More than 24 hours since the customer last wrote: outside the 24-hour window, send an approved template (131047)',
      );
    });
  });

  describe('Messenger and Instagram: receiving', () => {
    it('Messenger: texts, files from the CDN, the name from the profile, buttons and reactions; the page’s echoes are not customer messages', async () => {
      const psid = `${Date.now()}${serial++}`;
      meta.profiles.set(psid, { first_name: 'Marie', last_name: 'Čapek' });
      const event = (message: Record<string, unknown>) =>
        pageWebhook('page', fbPage.pageId, psid, { message });
      const photoUrl = meta.addCdnFile(Buffer.alloc(900, 1), 'image/jpeg', '12345_678_n.jpg');
      await deliver(messenger, event({ mid: `m_text_${psid}`, text: 'Bonjour, ça va? 😊' }));
      await deliver(
        messenger,
        event({
          mid: `m_photo_${psid}`,
          attachments: [{ type: 'image', payload: { url: photoUrl } }],
        }),
      );
      await deliver(
        messenger,
        event({
          mid: `m_far_${psid}`,
          attachments: [{ type: 'file', payload: { url: `${thief.url}/Vertrag.pdf` } }],
        }),
      );
      const text = await stored(messenger.id, `m_text_${psid}`);
      expect(text.text).toBe('Bonjour, ça va? 😊');
      const [{ name }] = await t.db.query('SELECT name FROM contacts WHERE id = $1', [
        text.contactId,
      ]);
      expect(name).toBe('Marie Čapek');
      const photo = await stored(messenger.id, `m_photo_${psid}`);
      expect([photo.text, photo.files]).toEqual([
        '[Photo]',
        [['12345_678_n.jpg', 'image/jpeg', 900]],
      ]);
      const far = await stored(messenger.id, `m_far_${psid}`);
      expect([far.text, far.files, far.metadata.droppedAttachments]).toEqual([
        '[File: Vertrag.pdf]',
        [],
        [
          `Vertrag.pdf: not fetched from ${new URL(thief.url).host}: attachments are only fetched from Meta's CDNs (fbcdn.net, fbsbx.com, cdninstagram.com)`,
        ],
      ]);
      expect(thief.requests).toEqual([]);
      // The profile is asked once, for the customer the inbox did not know yet.
      expect(meta.callsOf('profile').filter((c) => c.path.endsWith(`/${psid}`))).toHaveLength(1);

      const conversationId = await conversationOf('messenger', psid);
      const ours = await sentReply(conversationId, 'Merci, wir melden uns!');
      const [send] = meta
        .callsOf('page.messages')
        .filter((c) => (c.json.recipient as { id: string }).id === psid);
      expect([send.path, send.token, send.json]).toEqual([
        `/v21.0/${fbPage.pageId}/messages`,
        fbPage.token,
        {
          recipient: { id: psid },
          messaging_type: 'RESPONSE',
          message: { text: 'Merci, wir melden uns!' },
        },
      ]);

      await deliver(
        messenger,
        pageWebhook('page', fbPage.pageId, psid, {
          postback: { mid: `m_pb_${psid}`, title: 'Rückruf', payload: 'CALL' },
        }),
      );
      const reaction = pageWebhook('page', fbPage.pageId, psid, {
        reaction: { mid: ours.providerId, action: 'react', reaction: 'love', emoji: '❤️' },
      });
      await deliver(messenger, reaction);
      expect((await stored(messenger.id, `m_pb_${psid}`)).text).toBe('[Button] Rückruf');
      const reacted = await waitFor('the reaction', async () => {
        const rows: { text: string }[] = await t.db.query(
          `SELECT text FROM messages WHERE channel_id = $1 AND provider_message_id LIKE $2`,
          [messenger.id, `${ours.providerId}:reaction:%`],
        );
        return rows[0];
      });
      expect(reacted.text).toBe('[Reaction] ❤️ to "Merci, wir melden uns!"');

      // Echoes: ours is skipped by its mid; one a colleague sent from Meta's inbox is not stored either.
      await deliver(
        messenger,
        pageWebhook(
          'page',
          fbPage.pageId,
          psid,
          {
            message: {
              is_echo: true,
              app_id: 1,
              mid: ours.providerId,
              text: 'Merci, wir melden uns!',
            },
          },
          true,
        ),
      );
      await deliver(
        messenger,
        pageWebhook(
          'page',
          fbPage.pageId,
          psid,
          { message: { is_echo: true, mid: `m_bs_${psid}`, text: 'Aus der Business Suite' } },
          true,
        ),
      );
      expect(await eventOf(messenger.id, `echo:${ours.providerId}`)).toEqual({
        status: 'ignored',
        last_error: `Echo of a reply sent from Touchpoint (${ours.providerId})`,
      });
      expect(await eventOf(messenger.id, `echo:m_bs_${psid}`)).toEqual({
        status: 'ignored',
        last_error: `The page's own message m_bs_${psid}, sent outside Touchpoint (e.g. from Meta Business Suite): not a customer message`,
      });
      expect(
        await countOf(
          `SELECT count(*)::int AS n FROM messages WHERE type = 'inbound' AND provider_message_id = ANY($1)`,
          [[ours.providerId, `m_bs_${psid}`]],
        ),
      ).toBe(0);
    });

    it('Messenger receipts: delivery by mids, read by watermark for every earlier reply, live', async () => {
      const psid = `${Date.now()}${serial++}`;
      await deliver(
        messenger,
        pageWebhook('page', fbPage.pageId, psid, {
          message: { mid: `m_in_${psid}`, text: 'Hallo' },
        }),
      );
      const conversationId = await conversationOf('messenger', psid);
      const first = await sentReply(conversationId, 'Erste Antwort');
      const second = await sentReply(conversationId, 'Zweite Antwort');
      await deliver(
        messenger,
        pageWebhook('page', fbPage.pageId, psid, {
          delivery: { mids: [first.providerId], watermark: Date.now() - 60_000 },
        }),
      );
      await waitFor(
        'the first reply delivered',
        async () => (await statusOf(first.id)).status === 'delivered',
      );
      const socket = await readyStaff(t.url, agentToken);
      try {
        const live = once<{ message: MessageDto }>(
          socket,
          'message.updated',
          (p) => p.message.id === second.id && p.message.deliveryStatus === 'read',
        );
        await deliver(
          messenger,
          pageWebhook('page', fbPage.pageId, psid, { read: { watermark: Date.now() } }),
        );
        await live;
      } finally {
        socket.disconnect();
      }
      await waitFor('both replies read', async () => (await statusOf(first.id)).status === 'read');
    });

    it('Instagram: texts with emoji, story mentions and replies, deletions, reactions and read receipts', async () => {
      const igsid = `${Date.now()}${serial++}`;
      meta.profiles.set(igsid, { name: 'Lena Groß', username: 'lena.gross' });
      const event = (fields: Record<string, unknown>) =>
        pageWebhook('instagram', '17841400000000000', igsid, fields);
      const storyUrl = meta.addCdnFile(Buffer.alloc(1200, 4), 'video/mp4', 'story.mp4');
      await deliver(
        instagram,
        event({ message: { mid: `aWdf_t_${igsid}`, text: 'Süßer Laden! 😍🛍️' } }),
      );
      await deliver(
        instagram,
        event({
          message: {
            mid: `aWdf_s_${igsid}`,
            attachments: [{ type: 'story_mention', payload: { url: storyUrl } }],
          },
        }),
      );
      await deliver(
        instagram,
        event({
          message: {
            mid: `aWdf_r_${igsid}`,
            text: 'Wo gibt es das?',
            reply_to: { story: { url: storyUrl, id: '1790' } },
          },
        }),
      );
      const text = await stored(instagram.id, `aWdf_t_${igsid}`);
      expect(text.text).toBe('Süßer Laden! 😍🛍️');
      const [{ name }] = await t.db.query('SELECT name FROM contacts WHERE id = $1', [
        text.contactId,
      ]);
      expect(name).toBe('Lena Groß (@lena.gross)');
      const mention = await stored(instagram.id, `aWdf_s_${igsid}`);
      expect([mention.text, mention.files]).toEqual([
        '[Mentioned you in their story]',
        [['story.mp4', 'video/mp4', 1200]],
      ]);
      const storyReply = await stored(instagram.id, `aWdf_r_${igsid}`);
      expect([storyReply.text, storyReply.quoted]).toEqual([
        '[Reply to your story]\nWo gibt es das?',
        `Story: ${storyUrl}`,
      ]);

      await deliver(instagram, event({ message: { mid: `aWdf_t_${igsid}`, is_deleted: true } }));
      expect((await stored(instagram.id, `aWdf_t_${igsid}:deleted`)).text).toBe(
        '[The customer deleted a message] "Süßer Laden! 😍🛍️"',
      );

      const conversationId = await conversationOf('instagram', igsid);
      const ours = await sentReply(conversationId, 'Danke! Im Laden in der Hauptstraße 5.');
      await deliver(
        instagram,
        event({
          reaction: { mid: ours.providerId, action: 'react', reaction: 'love', emoji: '❤' },
        }),
      );
      await deliver(instagram, event({ read: { mid: ours.providerId } }));
      await waitFor('the reply read', async () => (await statusOf(ours.id)).status === 'read');
      const reacted = await waitFor('the reaction', async () => {
        const rows: { text: string }[] = await t.db.query(
          `SELECT text FROM messages WHERE channel_id = $1 AND provider_message_id LIKE $2`,
          [instagram.id, `${ours.providerId}:reaction:%`],
        );
        return rows[0];
      });
      expect(reacted.text).toBe('[Reaction] ❤ to "Danke! Im Laden in der Hauptstraße 5."');
    });
  });

  describe('replying', () => {
    it('a WhatsApp reply is a Cloud API message to the customer, with the number’s token', async () => {
      const from = waCustomer();
      const conversationId = await waConversation(from);
      const id = await reply(conversationId, 'Grüße aus Hamburg ⚓');
      const sent = await delivery(id, (s) => s === 'sent');
      const [call] = meta.callsOf('whatsapp.messages').filter((c) => c.json.to === from.waId);
      expect([call.path, call.token, call.json]).toEqual([
        `/v21.0/${wa.phoneNumberId}/messages`,
        wa.token,
        {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: from.waId,
          type: 'text',
          text: { body: 'Grüße aus Hamburg ⚓' },
        },
      ]);
      expect(sent.providerId).toMatch(/^wamid\./);
    });

    it('an Instagram reply over 1000 bytes goes as several messages, each within the limit', async () => {
      const igsid = `${Date.now()}${serial++}`;
      await deliver(
        instagram,
        pageWebhook('instagram', '17841400000000000', igsid, {
          message: { mid: `aWdf_in_${igsid}`, text: 'Hi' },
        }),
      );
      const conversationId = await conversationOf('instagram', igsid);
      const long = [1, 2].map((n) => `Teil ${n}: ${'Grüße 😀 '.repeat(70).trim()}`).join('\n\n');
      const sent = await delivery(await reply(conversationId, long), (s) => s === 'sent');
      const calls = meta
        .callsOf('page.messages')
        .filter((c) => (c.json.recipient as { id: string }).id === igsid);
      const texts = calls.map((c) => (c.json.message as { text: string }).text);
      expect(texts.join('\n\n')).toBe(long);
      expect(texts.length).toBe(2);
      expect(texts.every((x) => Buffer.byteLength(x) <= 1000)).toBe(true);
      expect(sent.metadata.metaMessageIds).toHaveLength(2);
    });

    it('files are uploaded, then sent by id: WhatsApp media and documents, Messenger and Instagram attachments', async () => {
      const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(300, 1)]);
      const pdf = Buffer.from('%PDF-1.4 Rechnung');
      const ctx = (
        channel: Channel,
        kind: 'whatsapp' | 'messenger' | 'instagram',
        address: string,
      ): OutboundContext => ({
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
        recipient: { kind, address, verified: true },
        author: { id: null, name: 'Anna' },
        threading: { references: [] },
      });
      const from = waCustomer();
      const before = meta.calls.length;
      const result = await t.app.get(WhatsappAdapter).send(ctx(whatsapp, 'whatsapp', from.e164));
      const waCalls = meta.calls.slice(before);
      expect(waCalls.map((c) => c.route)).toEqual([
        'whatsapp.messages',
        'whatsapp.media-upload',
        'whatsapp.messages',
        'whatsapp.media-upload',
        'whatsapp.messages',
      ]);
      expect(waCalls[1].fields).toEqual({ messaging_product: 'whatsapp', type: 'image/jpeg' });
      expect(waCalls[1].files[0].content.equals(jpeg)).toBe(true);
      expect(waCalls[2].json).toMatchObject({ type: 'image', image: { id: expect.any(String) } });
      expect(waCalls[4].json).toMatchObject({
        type: 'document',
        document: { filename: 'Rechnung "März".pdf' },
      });
      // The name arrives as the agent gave it (quotes travel escaped in the multipart header).
      expect(waCalls[3].files[0].filename).toBe('Rechnung "März".pdf');
      expect(result.metadata?.metaMessageIds).toHaveLength(3);

      for (const [adapter, channel, kind, page] of [
        [t.app.get(MessengerAdapter), messenger, 'messenger', fbPage],
        [t.app.get(InstagramAdapter), instagram, 'instagram', igPage],
      ] as const) {
        const start = meta.calls.length;
        await adapter.send(ctx(channel, kind, `psid-${nextId()}`));
        const calls = meta.calls.slice(start);
        expect(calls.map((c) => c.route)).toEqual([
          'page.messages',
          'page.attachments',
          'page.messages',
          'page.attachments',
          'page.messages',
        ]);
        expect(calls[1].path).toBe(`/v21.0/${page.pageId}/message_attachments`);
        expect(calls[1].fields).toEqual({
          ...(kind === 'instagram' && { platform: 'instagram' }),
          message: JSON.stringify({
            attachment: { type: 'image', payload: { is_reusable: true } },
          }),
        });
        expect(calls[2].json.message).toEqual({
          attachment: { type: 'image', payload: { attachment_id: expect.any(String) } },
        });
        expect(calls[4].json.message).toMatchObject({ attachment: { type: 'file' } });
      }
    });

    it('Meta’s error codes end a reply failed in words the agent can act on', async () => {
      const cases: [string, Parameters<FakeMeta['failNext']>[1], string][] = [
        [
          'undeliverable',
          { status: 400, code: 131026, message: '(#131026) Message Undeliverable' },
          'WhatsApp could not deliver the message (131026): the number may not use WhatsApp, may run an old WhatsApp version or has not accepted its latest terms',
        ],
        [
          'token',
          {
            status: 401,
            code: 190,
            message: 'Error validating access token: Session has expired on Tuesday',
          },
          `Meta does not accept the access token of channel "${whatsapp.name}" (Error validating access token: Session has expired on Tuesday): an admin must renew the token in the channel settings`,
        ],
        [
          'window',
          { status: 400, code: 131047, message: '(#131047) Re-engagement message' },
          'More than 24 hours since the customer last wrote: outside the 24-hour window, send an approved template (131047)',
        ],
      ];
      for (const [, failure, words] of cases) {
        const conversationId = await waConversation(waCustomer());
        meta.failNext('whatsapp.messages', failure);
        const failed = await delivery(await reply(conversationId, 'Hallo?'), (s) => s === 'failed');
        expect({ error: failed.error, attempts: failed.attempts }).toEqual({
          error: words,
          attempts: 1,
        });
      }
      const psid = `${Date.now()}${serial++}`;
      await deliver(
        messenger,
        pageWebhook('page', fbPage.pageId, psid, {
          message: { mid: `m_w_${psid}`, text: 'Hallo' },
        }),
      );
      meta.failNext('page.messages', {
        status: 400,
        code: 10,
        subcode: 2018278,
        message: '(#10) This message is sent outside of allowed window.',
      });
      const failed = await delivery(
        await reply(await conversationOf('messenger', psid), 'Späte Antwort'),
        (s) => s === 'failed',
      );
      expect(failed.error).toBe(
        "Outside Messenger's messaging window: a reply is possible within 24 hours of the customer's last message, and up to 7 days only if the Meta app has the Human Agent permission",
      );
    });

    it('is sent again after Meta asks to slow down (429, rate-limit codes), once', async () => {
      const conversationId = await waConversation(waCustomer());
      meta.failNext(
        'whatsapp.messages',
        { status: 429, code: 130429, message: '(#130429) Rate limit hit', retryAfter: 1 },
        { status: 400, code: 80007, message: '(#80007) Rate limit issues', retryAfter: 1 },
      );
      const id = await reply(conversationId, 'Gleich da');
      const sent = await delivery(id, (s) => s === 'sent');
      const calls = meta
        .callsOf('whatsapp.messages')
        .filter((c) => (c.json.text as { body?: string })?.body === 'Gleich da');
      expect(calls.map((c) => c.status)).toEqual([429, 400, 200]);
      expect(sent.error).toBeNull();
    });

    it('a send that times out is tried again', async () => {
      const graph = t.app.get(GraphApiClient);
      const limits = { ...graph.limits };
      Object.assign(graph.limits, { callMs: 300 });
      try {
        const conversationId = await waConversation(waCustomer());
        meta.failNext('whatsapp.messages', { status: 200, hangMs: 2000 });
        const sent = await delivery(await reply(conversationId, 'Langsam'), (s) => s === 'sent');
        expect(sent.attempts).toBe(2);
      } finally {
        Object.assign(graph.limits, limits);
      }
    });
  });

  describe('the WhatsApp 24-hour window and templates', () => {
    const options = async (conversationId: string) =>
      (
        (await agent.get(`/api/conversations/${conversationId}/reply-channels`))
          .body as ReplyChannelOptionDto[]
      ).find((o) => o.channel.id === whatsapp.id);

    it('tells the composer when the window closes and which templates exist', async () => {
      const from = waCustomer();
      const conversationId = await waConversation(from);
      const [{ at }] = await t.db.query(
        `SELECT max(created_at) AS at FROM messages WHERE conversation_id = $1 AND type = 'inbound'`,
        [conversationId],
      );
      expect(await options(conversationId)).toMatchObject({
        isDefault: true,
        address: from.e164,
        window: {
          open: true,
          closesAt: new Date(new Date(at).getTime() + 24 * 3600 * 1000).toISOString(),
        },
        templates: [TEMPLATE],
      });
    });

    it('Messenger: replies within 24 hours as RESPONSE, up to 7 days tagged HUMAN_AGENT, later refused', async () => {
      const psid = `${Date.now()}${serial++}`;
      await deliver(
        messenger,
        pageWebhook('page', fbPage.pageId, psid, { message: { mid: `m_o_${psid}`, text: 'Hi' } }),
      );
      const conversationId = await conversationOf('messenger', psid);
      const wroteAgo = (interval: string) =>
        t.db.query(
          `UPDATE messages SET created_at = now() - $2::interval WHERE conversation_id = $1 AND type = 'inbound'`,
          [conversationId, interval],
        );
      const option = async () =>
        (
          (await agent.get(`/api/conversations/${conversationId}/reply-channels`))
            .body as ReplyChannelOptionDto[]
        ).find((o) => o.channel.id === messenger.id);
      const sentAs = async (text: string) => {
        await delivery(await reply(conversationId, text), (s) => s === 'sent');
        const call = meta
          .callsOf('page.messages')
          .find((c) => (c.json.message as { text?: string }).text === text);
        return { messaging_type: call?.json.messaging_type, tag: call?.json.tag };
      };

      await wroteAgo('30 hours');
      const [{ at }] = await t.db.query(
        `SELECT max(created_at) AS at FROM messages WHERE conversation_id = $1 AND type = 'inbound'`,
        [conversationId],
      );
      expect(await option()).toMatchObject({
        window: {
          open: true,
          closesAt: new Date(new Date(at).getTime() + 7 * 24 * 3600 * 1000).toISOString(),
        },
        templates: [],
      });
      expect(await sentAs('Entschuldigung für die Wartezeit')).toEqual({
        messaging_type: 'MESSAGE_TAG',
        tag: 'HUMAN_AGENT',
      });
      await wroteAgo('2 hours');
      expect(await sentAs('Noch etwas?')).toEqual({ messaging_type: 'RESPONSE', tag: undefined });

      await wroteAgo('8 days');
      expect((await option())?.window?.open).toBe(false);
      const late = await agent
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ type: 'reply', body: 'Zu spät', clientMessageId: randomUUID() });
      expect([late.status, late.body.code, late.body.message]).toEqual([
        422,
        'messages.reply_window_closed',
        'The customer last wrote on Messenger more than 7 days ago: Messenger takes no reply until they write again',
      ]);
    });

    it('refuses a free reply once the customer last wrote more than 24 hours ago, before storing it', async () => {
      const from = waCustomer();
      const conversationId = await waConversation(from);
      await t.db.query(
        `UPDATE messages SET created_at = now() - interval '25 hours' WHERE conversation_id = $1 AND type = 'inbound'`,
        [conversationId],
      );
      const option = await options(conversationId);
      expect(option?.window?.open).toBe(false);
      expect(Date.parse(option?.window?.closesAt ?? '')).toBeLessThan(Date.now());
      const sentBefore = meta.callsOf('whatsapp.messages').length;
      const res = await agent
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ type: 'reply', body: 'Noch Fragen?', clientMessageId: randomUUID() });
      expect([res.status, res.body.code, res.body.message]).toEqual([
        422,
        'messages.reply_window_closed',
        'The customer last wrote on WhatsApp more than 24 hours ago: outside the 24-hour window, send a template',
      ]);
      expect(
        await countOf(
          `SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND type = 'outbound'`,
          [conversationId],
        ),
      ).toBe(0);
      expect(meta.callsOf('whatsapp.messages')).toHaveLength(sentBefore);
      // Internal notes are not replies: they still go in.
      const note = await agent
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ type: 'note', body: 'Kunde anrufen', clientMessageId: randomUUID() });
      expect(note.status).toBe(201);
    });

    it('a reply naming an approved template goes out as a template message with its values', async () => {
      const from = waCustomer();
      const conversationId = await waConversation(from);
      const [{ seq }] = await t.db.query(
        'SELECT max(seq) + 1 AS seq FROM messages WHERE conversation_id = $1',
        [conversationId],
      );
      const [{ id }] = await t.db.query(
        `INSERT INTO messages (conversation_id, seq, type, channel_id, text, delivery_status, metadata)
         VALUES ($1, $2, 'outbound', $3, $4, 'failed', $5) RETURNING id`,
        [
          conversationId,
          seq,
          whatsapp.id,
          'Hallo Jürgen, Ihre Bestellung A-1001 ist unterwegs.',
          JSON.stringify({
            address: from.e164,
            templateName: TEMPLATE.name,
            templateLanguage: 'de',
            templateVariables: ['Jürgen', 'A-1001'],
          }),
        ],
      );
      const base: OutboundContext = {
        channel: whatsapp,
        message: {
          id,
          text: 'Hallo Jürgen, Ihre Bestellung A-1001 ist unterwegs.',
          subject: null,
          attachments: [],
        },
        conversation: { id: conversationId, subject: null, replyToken: 'tok' },
        contact: { id: randomUUID(), name: 'Jürgen' },
        recipient: { kind: 'whatsapp', address: from.e164, verified: true },
        author: { id: null, name: 'Anna' },
        threading: { references: [] },
      };
      const result = await t.app.get(WhatsappAdapter).send(base);
      const [call] = meta
        .callsOf('whatsapp.messages')
        .filter((c) => c.json.to === from.waId && c.json.type === 'template');
      expect(call.json).toEqual({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: from.waId,
        type: 'template',
        template: {
          name: 'order_update',
          language: { code: 'de' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'Jürgen' },
                { type: 'text', text: 'A-1001' },
              ],
            },
          ],
        },
      });
      expect(result.providerMessageId).toMatch(/^wamid\./);

      await t.db.query(
        `UPDATE messages SET metadata = metadata || '{"templateName": "not_configured"}' WHERE id = $1`,
        [id],
      );
      await expect(t.app.get(WhatsappAdapter).send(base)).rejects.toEqual(
        new PermanentDeliveryError(
          "The template not_configured (de) is not among this channel's templates: an admin must add it in the channel settings",
        ),
      );
    });
  });
});

/** What the outbound job adds to a file it hands an adapter (this adapter uploads the bytes). */
function linked(content: Buffer) {
  return { size: content.length, url: 'https://touchpoint.example.test/api/attachments/unused' };
}
