import { randomBytes, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import {
  WIDGET_EVENTS,
  type WidgetMessageDto,
  COMPOSER_ATTACHMENT_MAX_BYTES,
  COMPOSER_ATTACHMENTS_MAX_COUNT,
  type ComposerUploadDto,
  type MessageDto,
} from '@touchpoint/shared';
import { FileStorage } from '../src/core/storage/file-storage';
import type { Channel } from '../src/modules/channels/channel.entity';
import { ComposerUploadSweepJob } from '../src/modules/conversations/messages/composer-upload-sweep.job';
import { CallbackServer } from './helpers/callback-server';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser } from './helpers/factories';
import { FakeMeta } from './helpers/fake-meta';
import { FakeTelegram } from './helpers/fake-telegram';
import { FakeTwilio } from './helpers/fake-twilio';
import { waitForContactOf } from './helpers/conversations';
import { signMetaBody } from '../src/modules/channels/adapters/meta/meta-signature';
import { as, login } from './helpers/http';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink';
import { startTestApp, type TestApp } from './helpers/test-app';
import request from 'supertest';
import { waitFor } from './helpers/wait';
import { connectVisitor, once, widgetSession } from './helpers/sockets';

const PUBLIC_URL = 'https://inbox.composer.test';
const NUMBER = '+4930555000';
const SITE = 'https://shop.composer.test';
/** A PNG's signature followed by filler. */
const png = (size = 4096) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size)]);

describe('attachments in the composer', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let twilio: FakeTwilio;
  let callback: CallbackServer;
  let token: string;
  let agent: ReturnType<typeof as>;
  let apiChannel: Channel;
  let emailChannel: Channel;
  let twilioChannelId: string;
  let webchatChannel: Channel;
  let conversationId: string;
  let teamId: string;
  let admin: ReturnType<typeof as>;

  beforeAll(async () => {
    sink = await startSmtpSink();
    twilio = await new FakeTwilio().start();
    callback = await new CallbackServer().start();
    t = await startTestApp({ PUBLIC_URL });
    twilio.routePublicUrl(PUBLIC_URL, t.url);
    teamId = (await makeTeam(t.db, 'Service')).id;
    admin = as(t.url, (await login(t.url, await makeUser(t.db, { role: 'admin' }))).accessToken);
    token = (await login(t.url, await makeUser(t.db, { teams: [teamId], name: 'Anna' })))
      .accessToken;
    agent = as(t.url, token);
    apiChannel = await makeChannel(t.db, 'api', teamId, {
      secret: 'composer-attachments-secret-0123',
      callbackUrl: callback.url,
    });
    emailChannel = await makeChannel(t.db, 'email', teamId, {
      address: 'service@composer.test',
      smtp: sink.smtp,
    });
    webchatChannel = await makeChannel(t.db, 'webchat', teamId, {
      secret: 'composer-webchat-secret-0123',
      allowedOrigins: [SITE],
    });
    const account = twilio.addAccount({ friendlyName: 'Kundenservice' });
    twilio.addNumber(account.accountSid, NUMBER);
    const created = await admin.post('/api/channels').send({
      kind: 'twilio',
      name: 'SMS',
      teamId,
      config: { ...account, phoneNumber: NUMBER, apiBaseUrl: twilio.url },
    });
    expect(created.status).toBe(201);
    twilioChannelId = created.body.id;

    const email = `kundin-${randomUUID().slice(0, 8)}@example.test`;
    const res = await postApiMessage(t.url, apiChannel, {
      id: randomUUID(),
      contact: { email, phone: '+491701234567', identifier: `shop-${randomUUID()}`, name: 'Erika' },
      text: 'Können Sie mir die Rechnung schicken?',
    });
    expect(res.status).toBeLessThan(300);
    await drainQueues(t);
    conversationId = await waitForConversationOf(t.db, email);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
    await twilio?.stop();
    await callback?.stop();
  });

  const upload = (
    filename: string,
    content: Buffer,
    contentType = 'application/pdf',
    conversation = conversationId,
  ) =>
    agent
      .post(`/api/conversations/${conversation}/uploads`)
      .query({ filename, contentType })
      .set('Content-Type', 'application/octet-stream')
      .send(content);

  const uploaded = async (
    filename: string,
    content: Buffer,
    contentType?: string,
    conversation = conversationId,
  ) => {
    const res = await upload(filename, content, contentType, conversation);
    expect(res.status).toBe(201);
    return res.body as ComposerUploadDto;
  };

  const reply = (
    channelId: string,
    attachmentIds: string[],
    body?: string,
    conversation = conversationId,
  ) =>
    agent.post(`/api/conversations/${conversation}/messages`).send({
      type: 'reply',
      ...(body && { body }),
      channelId,
      attachmentIds,
      clientMessageId: randomUUID(),
    });

  const sent = (messageId: string) =>
    waitFor(`reply ${messageId} sent`, async () => {
      const [row]: { status: string; error: string | null }[] = await t.db.query(
        'SELECT delivery_status AS status, delivery_error AS error FROM messages WHERE id = $1',
        [messageId],
      );
      if (row?.status === 'failed') throw new Error(`reply failed: ${row.error}`);
      return row?.status === 'sent' && row;
    });

  describe('limits', () => {
    afterEach(() =>
      t.db.query('DELETE FROM composer_uploads WHERE conversation_id = $1', [conversationId]),
    );

    it('refuses a blocked type with 422 naming the file, and keeps nothing', async () => {
      const res = await upload('rechnung.pdf.exe', Buffer.from('MZ'), 'application/octet-stream');
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ statusCode: 422, code: 'uploads.type_blocked' });
      expect(res.body.message).toContain('rechnung.pdf.exe');
      const [{ n }] = await t.db.query(
        'SELECT count(*)::int AS n FROM composer_uploads WHERE conversation_id = $1',
        [conversationId],
      );
      expect(n).toBe(0);
    });

    it('refuses a file over the size limit with 413 naming it, also when its length was not declared', async () => {
      const status = await new Promise<{ code: number; body: { message: string; code: string } }>(
        (resolve, reject) => {
          const url = new URL(
            `/api/conversations/${conversationId}/uploads?filename=${encodeURIComponent('Video Urlaub.mp4')}`,
            t.url,
          );
          const req = httpRequest(
            url,
            {
              method: 'POST',
              headers: {
                authorization: `Bearer ${token}`,
                'content-type': 'application/octet-stream',
              },
            },
            (res) => {
              let raw = '';
              res.on('data', (c) => (raw += c));
              res.on('end', () => resolve({ code: res.statusCode ?? 0, body: JSON.parse(raw) }));
            },
          );
          req.on('error', reject);
          const chunk = Buffer.alloc(1024 * 1024, 1);
          // Chunked, with no Content-Length: the server finds out while reading.
          for (let i = 0; i < COMPOSER_ATTACHMENT_MAX_BYTES / chunk.length; i++) req.write(chunk);
          req.end(Buffer.alloc(1));
        },
      );
      expect(status.code).toBe(413);
      expect(status.body.code).toBe('uploads.too_large');
      expect(status.body.message).toContain('Video Urlaub.mp4');
      expect(status.body.message).toContain('25 MB');
    });

    it('refuses the file one past the count a reply carries, naming it', async () => {
      for (let i = 0; i < COMPOSER_ATTACHMENTS_MAX_COUNT; i++)
        await uploaded(`seite-${i}.pdf`, Buffer.from(`%PDF ${i}`));
      const res = await upload('seite-extra.pdf', Buffer.from('%PDF extra'));
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('uploads.too_many');
      expect(res.body.message).toContain('seite-extra.pdf');
    });

    it('refuses a reply listing more files than allowed, naming attachmentIds', async () => {
      const ids = Array.from({ length: COMPOSER_ATTACHMENTS_MAX_COUNT + 1 }, () => randomUUID());
      const res = await reply(emailChannel.id, ids, 'Anbei');
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('attachmentIds');
    });
  });

  describe('delivery', () => {
    it('sends the files as MIME parts of the email reply', async () => {
      const pdf = Buffer.from('%PDF-1.4 Rechnung 4711');
      const image = png();
      const a = await uploaded('Rechnung 4711.pdf', pdf, 'application/pdf');
      const b = await uploaded('foto.png', image, 'image/png');
      const before = sink.messages.length;
      const res = await reply(emailChannel.id, [a.id, b.id], 'Anbei die Rechnung und das Foto.');
      expect(res.status).toBe(201);
      const message = res.body as MessageDto;
      expect(message.attachments.map((f) => [f.filename, f.contentType, f.size])).toEqual(
        expect.arrayContaining([
          ['Rechnung 4711.pdf', 'application/pdf', pdf.length],
          ['foto.png', 'image/png', image.length],
        ]),
      );
      await drainQueues(t);
      await sent(message.id);
      const [mail] = (await sink.waitFor(before + 1)).slice(before);
      expect(
        mail.parsed.attachments
          .map((f) => [
            f.filename,
            f.contentType,
            f.content.equals(f.filename === 'foto.png' ? image : pdf),
          ])
          .sort(),
      ).toEqual([
        ['Rechnung 4711.pdf', 'application/pdf', true],
        ['foto.png', 'image/png', true],
      ]);
      // Taken over by the reply: no longer an upload, not to be sent twice.
      const again = await reply(emailChannel.id, [a.id], 'Nochmal');
      expect(again.status).toBe(422);
      expect(again.body.message).toContain(`attachmentIds ${a.id}`);
    });

    it('sends the file as MMS media by a signed link Twilio fetches', async () => {
      const image = png(2048);
      const file = await uploaded('lieferschein.png', image, 'image/png');
      const before = twilio.messages.length;
      const res = await reply(twilioChannelId, [file.id], 'Ihr Lieferschein');
      expect(res.status).toBe(201);
      await drainQueues(t);
      await sent(res.body.id);
      const [created] = twilio.messages.slice(before);
      expect(created.params.Body).toBe('Ihr Lieferschein');
      expect(created.mediaUrls).toHaveLength(1);
      expect(created.mediaUrls[0].startsWith(`${PUBLIC_URL}/api/attachments/`)).toBe(true);
      const fetched = await waitFor('Twilio fetched the media', async () =>
        twilio.fetched.find((f) => f.url === created.mediaUrls[0]),
      );
      expect({ status: fetched.status, type: fetched.contentType }).toEqual({
        status: 200,
        type: 'image/png',
      });
      expect(fetched.content.equals(image)).toBe(true);
    });

    it("shows the files in the website visitor's chat, live and after a reconnect, by links that load on the customer's site", async () => {
      const tab = connectVisitor(t.url, { channelId: webchatChannel.id }, SITE);
      const session = await widgetSession(tab);
      const visitorId = session.sessionToken.split('.')[0];
      const ack = await tab
        .timeout(5000)
        .emitWithAck(WIDGET_EVENTS.send, { clientMessageId: randomUUID(), text: 'Das Foto bitte' });
      expect(ack).toMatchObject({ ok: true });
      await drainQueues(t);
      const [{ conversationId: chat }] = await waitFor('the visitor message', async () => {
        const rows: { conversationId: string }[] = await t.db.query(
          `SELECT conversation_id AS "conversationId" FROM messages
            WHERE channel_id = $1 AND metadata->>'address' = $2`,
          [webchatChannel.id, visitorId],
        );
        return rows.length > 0 && rows;
      });
      const image = png(1024);
      const file = await uploaded('foto.png', image, 'image/png', chat);
      const live = once<WidgetMessageDto>(tab, WIDGET_EVENTS.message, (m) => m.direction === 'out');
      const res = await reply(webchatChannel.id, [file.id], 'Hier das Foto', chat);
      expect(res.status).toBe(201);
      await drainQueues(t);
      await sent(res.body.id);
      const shown = await live;
      expect(shown).toMatchObject({ text: 'Hier das Foto', direction: 'out' });
      expect(shown.attachments).toEqual([
        {
          name: 'foto.png',
          contentType: 'image/png',
          size: image.length,
          url: expect.stringMatching(
            /^https:\/\/inbox\.composer\.test\/api\/attachments\/[0-9a-f-]{36}\?exp=\d+&sig=/,
          ),
        },
      ]);
      const loaded = await request(t.url)
        .get(shown.attachments[0].url.slice(PUBLIC_URL.length))
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(loaded.status).toBe(200);
      expect(loaded.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect((loaded.body as Buffer).equals(image)).toBe(true);
      tab.disconnect();

      // A later visit shows the reply with its file in the history.
      const again = connectVisitor(
        t.url,
        { channelId: webchatChannel.id, sessionToken: session.sessionToken },
        SITE,
      );
      const history = (await widgetSession(again)).messages;
      again.disconnect();
      expect(history.at(-1)?.attachments).toEqual([
        {
          ...shown.attachments[0],
          url: expect.stringMatching(
            /^https:\/\/inbox\.composer\.test\/api\/attachments\/[0-9a-f-]{36}\?exp=\d+&sig=/,
          ),
        },
      ]);
    });

    it('lists the files with signed links in the API channel callback', async () => {
      const file = await uploaded('angebot.pdf', Buffer.from('%PDF angebot'), 'application/pdf');
      const before = callback.calls.length;
      const res = await reply(apiChannel.id, [file.id]);
      expect(res.status).toBe(201);
      await drainQueues(t);
      await sent(res.body.id);
      const [call] = callback.calls.slice(before);
      const body = call.body as { text: string; attachments: { url: string }[] };
      expect(body.text).toBe('');
      expect(body.attachments).toEqual([
        {
          filename: 'angebot.pdf',
          contentType: 'application/pdf',
          size: 12,
          url: expect.stringMatching(
            /^https:\/\/inbox\.composer\.test\/api\/attachments\/[0-9a-f-]{36}\?exp=\d+&sig=/,
          ),
        },
      ]);
    });
  });

  describe('unsent uploads', () => {
    it('are removed with their bytes by the sweep once expired; fresh ones stay', async () => {
      const old = await uploaded('entwurf.pdf', Buffer.from('%PDF entwurf'));
      const fresh = await uploaded('neu.pdf', Buffer.from('%PDF neu'));
      await t.db.query(
        `UPDATE composer_uploads SET expires_at = now() - interval '1 minute' WHERE id = $1`,
        [old.id],
      );
      const keys: { id: string; storage_key: string }[] = await t.db.query(
        'SELECT id, storage_key FROM composer_uploads WHERE id = ANY($1::uuid[])',
        [[old.id, fresh.id]],
      );
      const keyOf = (id: string) => keys.find((k) => k.id === id)?.storage_key ?? '';
      const storage = t.app.get(FileStorage);
      expect((await storage.get(keyOf(old.id))).toString()).toBe('%PDF entwurf');

      const { removed } = await t.app.get(ComposerUploadSweepJob).sweep();
      expect(removed).toBeGreaterThanOrEqual(1);

      const left: { id: string }[] = await t.db.query(
        'SELECT id FROM composer_uploads WHERE id = ANY($1::uuid[])',
        [[old.id, fresh.id]],
      );
      expect(left).toEqual([{ id: fresh.id }]);
      await expect(storage.get(keyOf(old.id))).rejects.toThrow();
      expect((await storage.get(keyOf(fresh.id))).toString()).toBe('%PDF neu');
      const res = await reply(emailChannel.id, [old.id], 'Der Entwurf');
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('uploads.unavailable');
    });

    it('can be taken off the reply by their uploader', async () => {
      const file = await uploaded('falsch.pdf', Buffer.from('%PDF falsch'));
      expect((await agent.delete(`/api/uploads/${file.id}`)).status).toBe(204);
      expect((await agent.delete(`/api/uploads/${file.id}`)).status).toBe(404);
    });
  });

  describe('delivery through the messengers', () => {
    let meta: FakeMeta;
    let telegram: FakeTelegram;
    beforeAll(async () => {
      meta = await new FakeMeta().start();
      telegram = await new FakeTelegram().start();
    });
    afterAll(async () => {
      await meta?.stop();
      await telegram?.stop();
    });

    const createChannel = async (kind: string, config: Record<string, unknown>) => {
      const res = await admin
        .post('/api/channels')
        .send({ kind, name: `${kind} ${randomUUID().slice(0, 6)}`, teamId, config });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };

    it('uploads the file to WhatsApp and sends it as an image message', async () => {
      const APP_SECRET = 'composer-meta-app-secret-0123';
      const wa = meta.addWhatsappNumber();
      const channelId = await createChannel('whatsapp', {
        phoneNumberId: wa.phoneNumberId,
        accessToken: wa.token,
        appSecret: APP_SECRET,
        verifyToken: 'composer-verify-token-0123',
        apiBaseUrl: meta.url,
      });
      const waId = `49151${String(10_000_000 + Math.floor(Math.random() * 89_999_999))}`;
      // The customer writes first: WhatsApp takes free replies within 24 hours of that.
      const raw = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '102290129340398',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: {
                    display_phone_number: '15550783881',
                    phone_number_id: wa.phoneNumberId,
                  },
                  contacts: [{ profile: { name: 'Jürgen' }, wa_id: waId }],
                  messages: [
                    {
                      from: waId,
                      id: `wamid.${randomUUID()}`,
                      timestamp: String(Math.floor(Date.now() / 1000)),
                      type: 'text',
                      text: { body: 'Schicken Sie mir ein Foto?' },
                    },
                  ],
                },
              },
            ],
          },
        ],
      });
      const hook = await request(t.url)
        .post(`/webhooks/meta/${channelId}`)
        .set('Content-Type', 'application/json')
        .set('X-Hub-Signature-256', signMetaBody(raw, APP_SECRET))
        .send(raw);
      expect(hook.status).toBe(200);
      await drainQueues(t);
      const contactId = await waitForContactOf(t.db, 'whatsapp', `+${waId}`);
      const [{ id: waConversation }] = await t.db.query(
        'SELECT id FROM conversations WHERE contact_id = $1',
        [contactId],
      );

      const image = png(3000);
      const file = await uploaded('karton.png', image, 'image/png', waConversation);
      const res = await reply(channelId, [file.id], 'Hier das Foto', waConversation);
      expect(res.status).toBe(201);
      await drainQueues(t);
      await sent(res.body.id);

      const upload = meta.calls.find(
        (c) => c.route === 'whatsapp.media-upload' && c.files[0]?.filename === 'karton.png',
      );
      expect(upload?.files[0]?.content.equals(image)).toBe(true);
      expect(upload?.fields.type).toBe('image/png');
      const sends = meta.calls.filter((c) => c.route === 'whatsapp.messages' && c.json.to === waId);
      expect(sends.map((c) => c.json.type).sort()).toEqual(['image', 'text']);
      const media = sends.find((c) => c.json.type === 'image')?.json.image as { id?: string };
      expect(typeof media?.id).toBe('string');
    });

    it('sends the file to Telegram as a photo upload', async () => {
      const botToken = telegram.addBot();
      const channelId = await createChannel('telegram', {
        botToken,
        secretToken: 'composer-telegram-secret-0123',
        apiBaseUrl: telegram.url,
      });
      const chatId = String(700_000_000 + Math.floor(Math.random() * 99_999_999));
      // The customer is also known on Telegram.
      await t.db.query(
        `INSERT INTO contact_identities (contact_id, kind, address, verified)
         SELECT contact_id, 'telegram', $2, true FROM conversations WHERE id = $1`,
        [conversationId, chatId],
      );
      const image = png(1500);
      const file = await uploaded('quittung.png', image, 'image/png');
      const res = await reply(channelId, [file.id], 'Ihre Quittung');
      expect(res.status).toBe(201);
      await drainQueues(t);
      await sent(res.body.id);

      const calls = telegram.calls.filter((c) => String(c.params.chat_id) === chatId);
      const photo = calls.find((c) => c.method === 'sendPhoto');
      expect(photo?.files.map((f) => [f.field, f.filename, f.content.equals(image)])).toEqual([
        ['photo', 'quittung.png', true],
      ]);
      expect(
        calls.some((c) => c.method === 'sendMessage' && c.params.text === 'Ihre Quittung'),
      ).toBe(true);
    });
  });
});
