import { randomBytes, randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { SECRET_MASK, type ChannelDto, type MessageDto } from '@touchpoint/shared';
import type { Queue } from 'bullmq';
import twilio from 'twilio';
import { QUEUES } from '../src/core/queue/queue.constants';
import { FileStorage } from '../src/core/storage/file-storage';
import { Channel } from '../src/modules/channels/channel.entity';
import type { OutboundContext } from '../src/modules/channels/channel-adapter';
import { TwilioRestApi } from '../src/modules/channels/adapters/twilio/twilio-rest.client';
import { TwilioAdapter } from '../src/modules/channels/adapters/twilio/twilio.adapter';
import { waitForContactOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { FakeTwilio } from './helpers/fake-twilio';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { once, readyStaff } from './helpers/sockets';
import { FileLinks } from '../src/core/storage/file-links';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const PUBLIC_URL = 'https://inbox.example.test';
const NUMBER = '+4930123456';

interface StoredMessage {
  id: string;
  text: string;
  quoted: string | null;
  metadata: Record<string, unknown>;
  contactId: string;
  conversationId: string;
  files: [string, string, number][];
}

interface Delivery {
  status: string;
  error: string | null;
  attempts: number;
  providerId: string | null;
  metadata: Record<string, unknown>;
}

const sid = (prefix = 'SM') => `${prefix}${randomBytes(16).toString('hex')}`;
let lastNumber = 1_512_345_000;
/** A German mobile number nobody else in this file uses. */
const customerNumber = () => `+49${++lastNumber}`;
/** A PNG's signature followed by filler: enough to be recognisably itself. */
const png = (size = 2048) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size)]);

describe('the Twilio channel (SMS, MMS, WhatsApp)', () => {
  let t: TestApp;
  let fake: FakeTwilio;
  let teamId: string;
  let admin: ReturnType<typeof as>;
  let agent: ReturnType<typeof as>;
  let agentToken: string;
  let channel: Channel;
  let account: { accountSid: string; authToken: string };

  const webhook = (id = channel.id) => `${PUBLIC_URL}/webhooks/twilio/${id}`;

  /** What Twilio posts for an SMS (or MMS) from `from` to the channel's number. */
  const smsFrom = (from: string, fields: Record<string, string> = {}) => {
    const messageSid = fields.MessageSid ?? sid();
    return {
      ToCountry: 'DE',
      SmsMessageSid: messageSid,
      NumMedia: '0',
      SmsSid: messageSid,
      SmsStatus: 'received',
      To: NUMBER,
      NumSegments: '1',
      MessageSid: messageSid,
      AccountSid: account.accountSid,
      From: from,
      FromCountry: 'DE',
      ApiVersion: '2010-04-01',
      Body: '',
      ...fields,
    };
  };
  /** What Twilio posts for a WhatsApp message from `from`. */
  const whatsappFrom = (from: string, fields: Record<string, string> = {}) =>
    smsFrom(`whatsapp:${from}`, {
      To: `whatsapp:${NUMBER}`,
      WaId: from.slice(1),
      ProfileName: 'Erika Mustermann',
      MessageType: 'text',
      Forwarded: 'false',
      FrequentlyForwarded: 'false',
      ReferralNumMedia: '0',
      ...fields,
    });

  /** Posts a signed webhook as Twilio does and expects it taken with empty TwiML. */
  const deliver = async (params: Record<string, string>) => {
    const res = await fake.webhook(webhook(), params, account.authToken);
    expect({ status: res.status, type: res.contentType, body: res.body }).toEqual({
      status: 200,
      type: 'text/xml; charset=utf-8',
      body: '<?xml version="1.0" encoding="UTF-8"?><Response/>',
    });
    return params.MessageSid;
  };

  const stored = (providerMessageId: string) =>
    waitFor(`message ${providerMessageId}`, async () => {
      const rows: StoredMessage[] = await t.db.query(
        `SELECT m.id, m.text, m.quoted, m.metadata, m.contact_id AS "contactId",
                m.conversation_id AS "conversationId",
                COALESCE((SELECT json_agg(json_build_array(a.filename, a.content_type, a.size)
                                          ORDER BY a.created_at, a.filename)
                            FROM attachments a WHERE a.message_id = m.id), '[]') AS files
           FROM messages m WHERE m.channel_id = $1 AND m.provider_message_id = $2`,
        [channel.id, providerMessageId],
      );
      return rows[0];
    });

  const eventOf = (providerMessageId: string) =>
    waitFor(`event ${providerMessageId} processed`, async () => {
      const rows: { status: string; last_error: string | null }[] = await t.db.query(
        `SELECT status, last_error FROM inbound_events
          WHERE channel_id = $1 AND provider_message_id = $2`,
        [channel.id, providerMessageId],
      );
      return rows[0]?.status !== 'pending' && rows[0];
    });

  const countEvents = async (providerMessageId: string) =>
    (
      await t.db.query(
        'SELECT count(*)::int AS n FROM inbound_events WHERE channel_id = $1 AND provider_message_id = $2',
        [channel.id, providerMessageId],
      )
    )[0].n as number;

  /** A customer wrote (by SMS unless `params` say otherwise); answers their conversation. */
  const conversationOf = async (params: Record<string, string>) => {
    const message = await stored(await deliver(params));
    return message.conversationId;
  };

  const reply = async (conversationId: string, body: string) => {
    const res = await agent
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'reply', body, clientMessageId: randomUUID() });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  const deliveryOf = async (messageId: string): Promise<Delivery> =>
    (
      await t.db.query(
        `SELECT delivery_status AS status, delivery_error AS error, delivery_attempts AS attempts,
                provider_message_id AS "providerId", metadata FROM messages WHERE id = $1`,
        [messageId],
      )
    )[0];

  const delivery = (messageId: string, until: (status: string) => boolean) =>
    waitFor(
      `reply ${messageId} delivered`,
      async () => {
        const row = await deliveryOf(messageId);
        return until(row.status) && row;
      },
      15_000,
    );

  beforeAll(async () => {
    fake = await new FakeTwilio().start();
    t = await startTestApp({ PUBLIC_URL });
    fake.routePublicUrl(PUBLIC_URL, t.url);
    teamId = (await makeTeam(t.db, 'Service')).id;
    admin = as(t.url, (await login(t.url, await makeUser(t.db, { role: 'admin' }))).accessToken);
    agentToken = (await login(t.url, await makeUser(t.db, { teams: [teamId], name: 'Anna' })))
      .accessToken;
    agent = as(t.url, agentToken);
    account = fake.addAccount({ friendlyName: 'Kundenservice' });
    fake.addNumber(account.accountSid, NUMBER);
    const created = await admin.post('/api/channels').send({
      kind: 'twilio',
      name: 'SMS und WhatsApp',
      teamId,
      config: { ...account, phoneNumber: NUMBER, apiBaseUrl: fake.url },
    });
    expect(created.status).toBe(201);
    channel = await t.db.getRepository(Channel).findOneByOrFail({ id: created.body.id });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  describe('set-up', () => {
    it('checks the credentials and the number with Twilio, then shows both webhook URLs with the Auth Token masked', async () => {
      const other = fake.addAccount();
      fake.addNumber(other.accountSid, '+4940123456');
      const reads = fake.reads.length;
      const res = await admin.post('/api/channels').send({
        kind: 'twilio',
        name: 'Hamburg',
        teamId,
        config: { ...other, phoneNumber: '+4940123456', apiBaseUrl: fake.url },
      });
      expect(res.status).toBe(201);
      const dto = res.body as ChannelDto;
      expect(dto).toMatchObject({
        endpoints: {
          webhook: `${PUBLIC_URL}/webhooks/twilio/${dto.id}`,
          status: `${PUBLIC_URL}/webhooks/twilio/${dto.id}/status`,
        },
        config: { accountSid: other.accountSid, authToken: SECRET_MASK },
      });
      expect(fake.reads.slice(reads)).toEqual([
        `GET /2010-04-01/Accounts/${other.accountSid}.json`,
        `GET /2010-04-01/Accounts/${other.accountSid}/IncomingPhoneNumbers.json?PhoneNumber=%2B4940123456&PageSize=1`,
      ]);
    });

    it('settings Twilio refuses are a 400 naming the field, and nothing is saved', async () => {
      const create = (config: Record<string, unknown>, name: string) =>
        admin
          .post('/api/channels')
          .send({ kind: 'twilio', name, teamId, config: { apiBaseUrl: fake.url, ...config } });
      const wrongToken = await create(
        { ...account, authToken: 'not-the-token-0000', phoneNumber: NUMBER },
        'Twilio wrong token',
      );
      expect(wrongToken.status).toBe(400);
      expect(wrongToken.body.code).toBe('channels.not_connected');
      expect(wrongToken.body.message).toMatch(
        /^Twilio does not accept the credentials \(401 Authenticate\): check config\.accountSid and config\.authToken/,
      );
      expect(wrongToken.body.message).not.toContain('not-the-token');

      const foreignNumber = await create(
        { ...account, phoneNumber: '+4989123456' },
        'Twilio Munich',
      );
      expect(foreignNumber.body.message).toMatch(
        /^config\.phoneNumber \+4989123456 is not a phone number of the Twilio account AC/,
      );
      const noSender = await create({ ...account }, 'Twilio without sender');
      expect(noSender.body.message).toMatch(
        /^config\.phoneNumber or config\.messagingServiceSid is required/,
      );
      const badSid = await create(
        { ...account, accountSid: 'AC123', phoneNumber: NUMBER },
        'Twilio bad SID',
      );
      expect(badSid.body.message).toMatch(/^config\.accountSid must be the Account SID/);

      const list = (await admin.get('/api/channels')).body as ChannelDto[];
      expect(list.filter((c) => c.name.startsWith('Twilio '))).toEqual([]);
    });

    it('a check says whether Twilio sends the number’s messages here', async () => {
      const ok = await admin.post(`/api/channels/${channel.id}/check`).send();
      expect(ok.body).toEqual({
        ok: true,
        message: `Twilio accepts the credentials of account "Kundenservice" and ${NUMBER} is its number; incoming messages must go to ${webhook()}`,
      });
      fake.addNumber(account.accountSid, NUMBER, 'https://old.example.test/sms');
      try {
        const elsewhere = await admin.post(`/api/channels/${channel.id}/check`).send();
        expect(elsewhere.body).toEqual({
          ok: false,
          message: `Twilio sends messages to ${NUMBER} to https://old.example.test/sms, not to ${webhook()}: paste ${webhook()} as "A message comes in" for the number in the Twilio console`,
        });
      } finally {
        fake.addNumber(account.accountSid, NUMBER);
      }
    });
  });

  describe('receiving', () => {
    it('takes only requests signed for its public URL: forged, missing and stale signatures are 401 and nothing is stored', async () => {
      const params = smsFrom(customerNumber(), { Body: 'Ist das echt?' });
      const valid = fake.sign(account.authToken, webhook(), params);
      const attempts: {
        name: string;
        url: string;
        sent: Record<string, string>;
        signature: string | null;
      }[] = [
        {
          name: 'forged body',
          url: webhook(),
          sent: { ...params, Body: 'Gefälscht' },
          signature: valid,
        },
        {
          name: 'other token',
          url: webhook(),
          sent: params,
          signature: fake.sign('0'.repeat(32), webhook(), params),
        },
        { name: 'missing', url: webhook(), sent: params, signature: null },
        {
          name: 'stale: another channel',
          url: webhook(),
          sent: params,
          signature: fake.sign(account.authToken, webhook(randomUUID()), params),
        },
        {
          name: 'stale: the address behind the proxy',
          url: webhook(),
          sent: params,
          signature: fake.sign(account.authToken, `${t.url}/webhooks/twilio/${channel.id}`, params),
        },
      ];
      for (const a of attempts) {
        const res = await fake.webhook(a.url, a.sent, account.authToken, a.signature);
        expect({ name: a.name, status: res.status }).toEqual({ name: a.name, status: 401 });
        // Twilio's own library judges the same.
        expect(
          twilio.validateRequest(account.authToken, a.signature ?? '', webhook(), a.sent),
        ).toBe(false);
      }
      const refused = await fake.webhook(webhook(), params, account.authToken, null);
      expect(JSON.parse(refused.body)).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        code: 'webhooks.invalid_signature',
        message: `Missing or wrong X-Twilio-Signature header: it must be Twilio's signature for ${webhook()} with the channel's Auth Token (PUBLIC_URL must be the address configured in Twilio)`,
      });
      expect(await countEvents(params.MessageSid)).toBe(0);
      // The status callback URL is checked the same way.
      const news = { ...params, MessageStatus: 'delivered', SmsStatus: 'delivered' };
      const forgedNews = await fake.webhook(
        `${webhook()}/status`,
        news,
        account.authToken,
        fake.sign(account.authToken, webhook(), news),
      );
      expect(forgedNews.status).toBe(401);
      expect(await countEvents(`status:${params.MessageSid}:delivered`)).toBe(0);

      // The genuine request, which Twilio's library also accepts, is taken; a channel that does not exist is a 404.
      expect(twilio.validateRequest(account.authToken, valid, webhook(), params)).toBe(true);
      await deliver(params);
      expect(await countEvents(params.MessageSid)).toBe(1);
      expect((await fake.webhook(webhook(randomUUID()), params, account.authToken)).status).toBe(
        404,
      );
    });

    it('stores a message once however often Twilio delivers it', async () => {
      const params = smsFrom(customerNumber(), { Body: 'Einmal bitte' });
      const answers = await Promise.all(
        [1, 2, 3].map(() => fake.webhook(webhook(), params, account.authToken)),
      );
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      await stored(params.MessageSid);
      await deliver(params);
      await drainQueues(t);
      expect(await countEvents(params.MessageSid)).toBe(1);
      const [{ n }] = await t.db.query(
        'SELECT count(*)::int AS n FROM messages WHERE channel_id = $1 AND provider_message_id = $2',
        [channel.id, params.MessageSid],
      );
      expect(n).toBe(1);
    });

    it('stores an SMS with umlauts and emoji as sent, from a contact with the verified number', async () => {
      const from = customerNumber();
      const text = 'Grüß Gott! Wo bleibt mein Paket? 📦 Danke 🙏🏽 – Jürgen Weiß';
      const message = await stored(await deliver(smsFrom(from, { Body: text })));
      expect(message.text).toBe(text);
      const identities = await t.db.query(
        'SELECT kind, address, verified FROM contact_identities WHERE contact_id = $1',
        [message.contactId],
      );
      expect(identities).toEqual([{ kind: 'phone', address: from, verified: true }]);
    });

    it('fetches an MMS image with the credentials from the API and without them from the storage it redirects to', async () => {
      const image = png();
      const url = fake.addMedia(account.accountSid, image, 'image/png');
      const before = fake.mediaRequests.length;
      const params = smsFrom(customerNumber(), {
        Body: 'Das kam kaputt an',
        NumMedia: '1',
        MediaUrl0: url,
        MediaContentType0: 'image/png',
      });
      const message = await stored(await deliver(params));
      const mediaSid = url.split('/').pop();
      expect([message.text, message.files]).toEqual([
        'Das kam kaputt an',
        [[`${mediaSid}.png`, 'image/png', image.length]],
      ]);
      const [{ key }] = await t.db.query(
        'SELECT storage_key AS key FROM attachments WHERE message_id = $1',
        [message.id],
      );
      expect((await t.app.get(FileStorage).get(key)).equals(image)).toBe(true);
      expect(
        fake.mediaRequests
          .slice(before)
          .map((r) => [r.path.split('/')[1], r.withCredentials, r.status]),
      ).toEqual([
        ['2010-04-01', true, 307],
        ['storage', false, 200],
      ]);
    });

    it('stores WhatsApp media, locations, answers to earlier messages and button replies', async () => {
      const from = customerNumber();
      const voice = Buffer.concat([Buffer.from('OggS'), randomBytes(1500)]);
      const pdf = Buffer.from('%PDF-1.4 Rechnung 4711');
      const opening = whatsappFrom(from, { Body: 'Hallo, ich habe eine Frage' });
      const first = await stored(await deliver(opening));
      const sent = [
        whatsappFrom(from, {
          MessageType: 'audio',
          NumMedia: '1',
          MediaUrl0: fake.addMedia(account.accountSid, voice, 'audio/ogg'),
          MediaContentType0: 'audio/ogg',
        }),
        whatsappFrom(from, {
          MessageType: 'document',
          Body: 'Rechnung 4711.pdf',
          NumMedia: '1',
          MediaUrl0: fake.addMedia(account.accountSid, pdf, 'application/pdf'),
          MediaContentType0: 'application/pdf',
        }),
        whatsappFrom(from, {
          MessageType: 'location',
          Latitude: '50.9413',
          Longitude: '6.9583',
          Label: 'Kölner Dom',
          Address: 'Domkloster 4, 50667 Köln',
        }),
        whatsappFrom(from, {
          Body: 'Genau, die meine ich',
          OriginalRepliedMessageSender: `whatsapp:${from}`,
          OriginalRepliedMessageSid: opening.MessageSid,
        }),
        whatsappFrom(from, {
          MessageType: 'button',
          Body: 'Termin bestätigen',
          ButtonText: 'Termin bestätigen',
          ButtonPayload: 'confirm:appointment:17',
        }),
      ];
      for (const params of sent) await deliver(params);
      const got = await Promise.all(sent.map((p) => stored(p.MessageSid)));
      expect(
        got.map((m) => [m.text, m.quoted, m.files.map(([, type, size]) => [type, size])]),
      ).toEqual([
        ['[Audio]', null, [['audio/ogg', voice.length]]],
        ['Rechnung 4711.pdf', null, [['application/pdf', pdf.length]]],
        [
          '[Location] Kölner Dom\nDomkloster 4, 50667 Köln\n50.9413, 6.9583\nhttps://www.openstreetmap.org/?mlat=50.9413&mlon=6.9583#map=17/50.9413/6.9583',
          null,
          [],
        ],
        ['Genau, die meine ich', 'Hallo, ich habe eine Frage', []],
        ['[Button] Termin bestätigen\n(payload: confirm:appointment:17)', null, []],
      ]);
      const [contact] = await t.db.query('SELECT name FROM contacts WHERE id = $1', [
        first.contactId,
      ]);
      expect(contact.name).toBe('Erika Mustermann');
      expect(new Set(got.map((m) => m.conversationId))).toEqual(new Set([first.conversationId]));
    });

    it('drops files it must not or cannot fetch with the reason, and still stores the text', async () => {
      const from = customerNumber();
      const cases = [
        {
          media: fake.addMedia(account.accountSid, png(), 'image/png', {
            redirectTo: 'http://metadata.example.test/latest/meta-data',
          }),
          type: 'image/png',
          dropped:
            "not fetched: Twilio sent it on to metadata.example.test, which is not Twilio's media storage",
        },
        {
          media: `http://127.0.0.1:1/2010-04-01/Accounts/${account.accountSid}/Messages/MM1/Media/ME1`,
          type: 'image/png',
          dropped: `not fetched: 127.0.0.1:1 is not this channel's Twilio API (${new URL(fake.url).host})`,
        },
        {
          media: `${fake.url}/2010-04-01/Accounts/${account.accountSid}/Messages/MM${'0'.repeat(32)}/Media/ME${'0'.repeat(32)}`,
          type: 'image/png',
          dropped: 'Twilio no longer has it (404): it was deleted',
        },
        {
          media: fake.addMedia(account.accountSid, Buffer.alloc(21 * 1024 * 1024, 1), 'video/mp4'),
          type: 'video/mp4',
          dropped: 'larger than the 20 MB a file may have',
        },
        {
          media: fake.addMedia(account.accountSid, Buffer.from('<html>Error</html>'), 'text/html'),
          type: 'image/jpeg',
          dropped: 'Twilio answered with text/html instead of the announced image/jpeg',
        },
      ];
      const extension: Record<string, string> = {
        'image/png': 'png',
        'image/jpeg': 'jpg',
        'video/mp4': 'mp4',
      };
      for (const [i, c] of cases.entries()) {
        const params = smsFrom(from, {
          Body: `Datei ${i}`,
          NumMedia: '1',
          MediaUrl0: c.media,
          MediaContentType0: c.type,
        });
        const message = await stored(await deliver(params));
        const name = `${c.media.split('/').pop()}.${extension[c.type]}`;
        expect([message.text, message.files, message.metadata.droppedAttachments]).toEqual([
          `Datei ${i}`,
          [],
          [`${name}: ${c.dropped}`],
        ]);
      }
    });

    it('stores an unknown shape with a placeholder, and keeps what it cannot store as failed with the reason', async () => {
      const odd = whatsappFrom(customerNumber(), { MessageType: 'unsupported', Body: '' });
      expect((await stored(await deliver(odd))).text).toBe(
        "[Twilio: message of type 'unsupported' without text or files]",
      );
      const messenger = smsFrom('messenger:1234567890', { Body: 'Hallo' });
      await deliver(messenger);
      expect(await eventOf(messenger.MessageSid)).toEqual({
        status: 'failed',
        last_error:
          'Twilio messenger messages are not supported, only SMS, MMS and WhatsApp (From messenger:1234567890)',
      });
    });

    it('one person on SMS and on WhatsApp is one contact in one conversation, and is answered the way they last wrote', async () => {
      const from = customerNumber();
      const bySms = await stored(await deliver(smsFrom(from, { Body: 'Per SMS' })));
      const byWhatsapp = await stored(await deliver(whatsappFrom(from, { Body: 'Per WhatsApp' })));
      expect(byWhatsapp.contactId).toBe(bySms.contactId);
      expect(byWhatsapp.conversationId).toBe(bySms.conversationId);
      const identities = await t.db.query(
        'SELECT kind, address, verified FROM contact_identities WHERE contact_id = $1 ORDER BY kind',
        [bySms.contactId],
      );
      expect(identities).toEqual([
        { kind: 'phone', address: from, verified: true },
        { kind: 'whatsapp', address: from, verified: true },
      ]);
      expect(await waitForContactOf(t.db, 'whatsapp', from)).toBe(bySms.contactId);

      // The customer's latest message came by WhatsApp: so does the answer.
      await delivery(
        await reply(bySms.conversationId, 'Antwort per WhatsApp'),
        (s) => s === 'sent',
      );
      await deliver(smsFrom(from, { Body: 'Und wieder per SMS' }));
      await drainQueues(t);
      await delivery(await reply(bySms.conversationId, 'Antwort per SMS'), (s) => s === 'sent');
      expect(
        [...fake.messagesTo(`whatsapp:${from}`), ...fake.messagesTo(from)].map((m) => [
          m.params.From,
          m.params.To,
          m.params.Body,
        ]),
      ).toEqual([
        [`whatsapp:${NUMBER}`, `whatsapp:${from}`, 'Antwort per WhatsApp'],
        [NUMBER, from, 'Antwort per SMS'],
      ]);
    });
  });

  describe('replying', () => {
    it("sends an agent's reply with the channel's number, the text and the status callback URL", async () => {
      const from = customerNumber();
      const conversationId = await conversationOf(smsFrom(from, { Body: 'Hallo' }));
      const id = await reply(conversationId, 'Ihre Bestellung ist unterwegs. 📦 Grüße, Anna');
      const sent = await delivery(id, (s) => s === 'sent');
      const [call] = fake.messagesTo(from);
      expect(call).toMatchObject({
        accountSid: account.accountSid,
        params: {
          To: from,
          From: NUMBER,
          Body: 'Ihre Bestellung ist unterwegs. 📦 Grüße, Anna',
          StatusCallback: `${PUBLIC_URL}/webhooks/twilio/${channel.id}/status`,
        },
        mediaUrls: [],
        status: 201,
      });
      expect(sent.providerId).toBe(call.sid);
      expect(sent.metadata).toMatchObject({ twilioVia: 'sms', twilioMessageSids: [call.sid] });
    });

    it('moves a reply on with status callbacks, in order or not, never back, and tells the inbox live', async () => {
      const from = customerNumber();
      const conversationId = await conversationOf(whatsappFrom(from, { Body: 'Hi' }));
      const id = await reply(conversationId, 'Gern geschehen');
      const { providerId } = await delivery(id, (s) => s === 'sent');
      const socket = await readyStaff(t.url, agentToken);
      try {
        const live = (status: string, messageId = id) =>
          once<{ message: MessageDto }>(
            socket,
            'message.updated',
            (p) => p.message.id === messageId && p.message.deliveryStatus === status,
          );
        const delivered = live('delivered');
        for (const status of ['queued', 'sent', 'delivered'])
          expect((await fake.statusCallback(providerId!, status)).status).toBe(204);
        await delivered;
        const read = live('read');
        expect((await fake.statusCallback(providerId!, 'read')).status).toBe(204);
        await read;
        // A late "delivered", and the same "read" again (a duplicate), change nothing.
        await fake.statusCallback(providerId!, 'delivered');
        await fake.statusCallback(providerId!, 'read');
        await drainQueues(t);
        expect((await deliveryOf(id)).status).toBe('read');
        expect(await countEvents(`status:${providerId}:read`)).toBe(1);

        // Out of order from the start: read before delivered stays read.
        const other = await reply(conversationId, 'Noch etwas?');
        const second = await delivery(other, (s) => s === 'sent');
        const readFirst = live('read', other);
        await fake.statusCallback(second.providerId!, 'read');
        await fake.statusCallback(second.providerId!, 'delivered');
        await readFirst;
        await drainQueues(t);
        expect((await deliveryOf(other)).status).toBe('read');
      } finally {
        socket.disconnect();
      }
    });

    it('keeps a status callback that arrives before the send was recorded, and applies it then', async () => {
      const from = customerNumber();
      const conversationId = await conversationOf(smsFrom(from, { Body: 'Schnell?' }));
      const release = fake.hold();
      let id: string;
      let messageSid: string;
      try {
        id = await reply(conversationId, 'Ganz schnell');
        messageSid = (await waitFor(
          'Twilio took the reply',
          async () => fake.messagesTo(from)[0]?.sid,
        )) as string;
        expect((await fake.statusCallback(messageSid, 'delivered')).status).toBe(204);
        await waitFor('the early news kept', async () => {
          const rows: { status: string }[] = await t.db.query(
            'SELECT status FROM delivery_news WHERE channel_id = $1 AND provider_message_id = $2',
            [channel.id, messageSid],
          );
          return rows.length ? rows : null;
        });
        expect((await deliveryOf(id)).status).toBe('sending');
      } finally {
        release();
      }
      const done = await delivery(id, (s) => s === 'delivered');
      expect(done.providerId).toBe(messageSid);
    });

    it('says why a reply failed in words an agent can act on, whether Twilio refuses at once or reports later', async () => {
      // Later, in a status callback.
      const late = customerNumber();
      const lateConversation = await conversationOf(whatsappFrom(late, { Body: 'Hallo' }));
      const lateId = await reply(lateConversation, 'Hier ist die Antwort');
      const { providerId } = await delivery(lateId, (s) => s === 'sent');
      await fake.statusCallback(providerId!, 'failed', {
        ErrorCode: '63016',
        ErrorMessage: 'Failed to send freeform message because you are outside the allowed window.',
      });
      expect((await delivery(lateId, (s) => s === 'failed')).error).toBe(
        'Outside the WhatsApp 24-hour window: the customer last wrote more than 24 hours ago, so only an approved template can be sent (answer once they write again) (Twilio error 63016)',
      );

      // At once: the recipient replied STOP.
      const stopped = customerNumber();
      const stoppedConversation = await conversationOf(smsFrom(stopped, { Body: 'STOP' }));
      fake.unsubscribed.add(stopped);
      const refused = await delivery(
        await reply(stoppedConversation, 'Schade'),
        (s) => s === 'failed',
      );
      expect(refused).toMatchObject({
        error:
          'The recipient replied STOP: they unsubscribed from SMS from this number and must text START before replies arrive (Twilio error 21610)',
        attempts: 1,
      });

      // At once: a number Twilio does not take, and an unknown code named with its documentation.
      const invalid = customerNumber();
      const invalidConversation = await conversationOf(smsFrom(invalid, { Body: 'Hallo' }));
      fake.failNext(
        { status: 400, code: 21211, message: `Invalid 'To' Phone Number: ${invalid}` },
        { status: 400, code: 21999, message: 'Something new' },
      );
      const first = await delivery(await reply(invalidConversation, 'Eins'), (s) => s === 'failed');
      const second = await delivery(
        await reply(invalidConversation, 'Zwei'),
        (s) => s === 'failed',
      );
      expect([first.error, second.error]).toEqual([
        "The customer's number is not a valid phone number: correct it in the contact (Twilio error 21211)",
        'Twilio error 21999: Something new (see https://www.twilio.com/docs/errors/21999)',
      ]);
    });

    it('waits the time Twilio names when it is busy (429) or away (503), without using up attempts, and sends once', async () => {
      const from = customerNumber();
      const conversationId = await conversationOf(smsFrom(from, { Body: 'Hallo' }));
      fake.failNext(
        { status: 429, code: 20429, message: 'Too Many Requests', retryAfter: '1' },
        { status: 503, code: 20503, message: 'Service Unavailable', retryAfter: '1' },
      );
      const id = await reply(conversationId, 'Gleich da');
      const sent = await delivery(id, (s) => s === 'sent');
      const calls = fake.messagesTo(from);
      expect(calls.map((c) => c.status)).toEqual([429, 503, 201]);
      expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(950);
      expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(950);
      expect(sent.providerId).toBe(calls[2].sid);
      // Only the run that sent it counts as an attempt; the waits were Twilio's.
      // The job counts its run once it has finished, a moment after the reply is recorded as sent.
      const job = await waitFor('the delivery job finished', async () => {
        const j = await t.app.get<Queue>(getQueueToken(QUEUES.outbound)).getJob(id);
        return j?.finishedOn ? j : null;
      });
      expect(job?.attemptsMade).toBe(1);
      expect(job?.data.waits).toBe(2);
    });

    it('credentials Twilio refuses (401) fail the reply at once, in words for the admin', async () => {
      const from = customerNumber();
      const conversationId = await conversationOf(smsFrom(from, { Body: 'Hallo' }));
      fake.failNext({ status: 401, code: 20003, message: 'Authenticate' });
      const failed = await delivery(await reply(conversationId, 'Hallo?'), (s) => s === 'failed');
      expect(failed).toMatchObject({
        error:
          'Twilio does not accept the Account SID and Auth Token of channel "SMS und WhatsApp": an admin must check them in the channel settings (Twilio error 20003)',
        attempts: 1,
      });
      expect(fake.messagesTo(from)).toHaveLength(1);
    });

    it('an answer lost after Twilio took the message is sent again: the customer gets it twice (no idempotency key exists)', async () => {
      const api = t.app.get(TwilioRestApi, { strict: false });
      const timeouts = api.timeouts;
      api.timeouts = { ...timeouts, callMs: 500 };
      try {
        const from = customerNumber();
        const conversationId = await conversationOf(smsFrom(from, { Body: 'Hallo' }));
        fake.failNext({ lose: true });
        const sent = await delivery(await reply(conversationId, 'Doppelt?'), (s) => s === 'sent');
        const calls = fake.messagesTo(from);
        expect(calls.map((c) => [c.params.Body, c.status])).toEqual([
          ['Doppelt?', 0],
          ['Doppelt?', 201],
        ]);
        expect(sent).toMatchObject({ attempts: 2, providerId: calls[1].sid });
      } finally {
        api.timeouts = timeouts;
      }
    });

    it('splits a reply longer than 1600 characters and records every SID', async () => {
      const from = customerNumber();
      const conversationId = await conversationOf(smsFrom(from, { Body: 'Details bitte' }));
      const paragraphs = [1, 2, 3].map((n) => `Teil ${n}: ${'Wort '.repeat(250).trim()}`);
      const sent = await delivery(
        await reply(conversationId, paragraphs.join('\n\n')),
        (s) => s === 'sent',
      );
      const calls = fake.messagesTo(from);
      expect(calls.map((c) => c.params.Body)).toEqual(paragraphs);
      expect(sent.metadata.twilioMessageSids).toEqual(calls.map((c) => c.sid));
      expect(sent.providerId).toBe(calls[0].sid);
    });

    it('sends files as MediaUrl links under PUBLIC_URL that Twilio can fetch without a session', async () => {
      const from = customerNumber();
      const images = [png(3000), png(5000)];
      const params = smsFrom(from, {
        Body: 'Zwei Fotos',
        NumMedia: '2',
        MediaUrl0: fake.addMedia(account.accountSid, images[0], 'image/png'),
        MediaContentType0: 'image/png',
        MediaUrl1: fake.addMedia(account.accountSid, images[1], 'image/png'),
        MediaContentType1: 'image/png',
      });
      // A stored message with two attachments stands in for a reply with files.
      const withFiles = await stored(await deliver(params));
      const signer = t.app.get(FileLinks, { strict: false });
      const fileIds = (
        (await t.db.query(
          'SELECT id FROM attachments WHERE message_id = $1 ORDER BY created_at, id',
          [withFiles.id],
        )) as { id: string }[]
      ).map((r) => r.id);
      const adapter = t.app.get(TwilioAdapter, { strict: false });
      const ctx = (via: 'phone' | 'whatsapp'): OutboundContext => ({
        channel,
        message: {
          id: withFiles.id,
          text: 'Hier die Fotos zurück',
          subject: null,
          attachments: images.map((content, i) => ({
            filename: `foto-${i}.png`,
            contentType: 'image/png',
            content,
            size: content.length,
            // As the outbound job hands them over: the signed link of the stored file.
            url: `${PUBLIC_URL}${signer.url(fileIds[i])}`,
          })),
        },
        conversation: { id: randomUUID(), subject: null, replyToken: 'tok' },
        contact: { id: withFiles.contactId, name: 'Kunde' },
        recipient: { kind: via, address: from, verified: true },
        author: { id: null, name: 'Anna' },
        threading: { references: [] },
      });
      const before = fake.fetched.length;

      // MMS: the text and both files in one message.
      const mms = await adapter.send(ctx('phone'));
      const [call] = fake.messagesTo(from);
      expect(call.params.Body).toBe('Hier die Fotos zurück');
      expect(call.mediaUrls).toHaveLength(2);
      for (const url of call.mediaUrls)
        expect(url).toMatch(
          new RegExp(`^${PUBLIC_URL}/api/attachments/[0-9a-f-]{36}\\?exp=\\d+&sig=[\\w-]+$`),
        );
      const fetched = await waitFor('Twilio fetched both files', async () => {
        const got = fake.fetched.slice(before);
        return got.length === 2 && got;
      });
      expect(fetched.map((f) => [f.status, f.contentType])).toEqual([
        [200, 'image/png'],
        [200, 'image/png'],
      ]);
      expect(fetched.map((f) => f.content.length).sort()).toEqual(
        images.map((i) => i.length).sort(),
      );
      expect(mms.providerMessageId).toBe(call.sid);

      // WhatsApp: one file per message, the text with the first.
      const wa = await adapter.send(ctx('whatsapp'));
      const calls = fake.messagesTo(`whatsapp:${from}`);
      expect(calls.map((c) => [c.params.Body, c.mediaUrls.length])).toEqual([
        ['Hier die Fotos zurück', 1],
        [undefined, 1],
      ]);
      expect(wa.metadata?.twilioMessageSids).toEqual(calls.map((c) => c.sid));
    });
  });
});
