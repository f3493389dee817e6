import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sign, SIGNATURE_HEADER } from '../src/modules/channels/adapters/api/api-signature';
import {
  META_SIGNATURE_HEADER,
  signMetaBody,
} from '../src/modules/channels/adapters/meta/meta-signature';
import { SECRET_TOKEN_HEADER } from '../src/modules/channels/adapters/telegram/telegram-secret-token';
import {
  formParams,
  SIGNATURE_HEADER as TWILIO_SIGNATURE_HEADER,
  twilioSignature,
} from '../src/modules/channels/adapters/twilio/twilio-signature';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel } from './helpers/channels';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam } from './helpers/factories';
import { FakeMeta } from './helpers/fake-meta';
import { FakeTelegram } from './helpers/fake-telegram';
import { FakeTwilio } from './helpers/fake-twilio';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

/**
 * Every public webhook takes whatever arrives, correctly signed, without a 5xx, and every stored
 * delivery ends processed, ignored or failed with a reason, while the worker keeps going. Bodies are
 * real provider shapes with random fields replaced, removed or added, plus any JSON at all.
 */

const PUBLIC_URL = 'https://inbox.example.test';
const API_SECRET = 'fuzz-api-secret-0123456789';
const TELEGRAM_SECRET = 'fuzz-telegram_secret-0123';
const APP_SECRET = 'fuzz-meta-app-secret';
/** Bodies per webhook; each is posted once, all in sequence. */
const RUNS = 80;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Strings that break naive code: NUL, lone surrogates, hostile keys, long ones. */
const weird = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', 'a\udc00b', '💥🙂', '__proto__', 'toString', '%00'),
  fc.constant('x'.repeat(100_000)),
);
/** Objects nested `depth` deep: 60 is stored, beyond 64 refused as too deep. */
const deep = fc
  .constantFrom(60, 70)
  .map((depth) => Array.from({ length: depth }).reduce<Json>((inner) => ({ a: inner }), 'x'));
const anyJson: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
  { weight: 2, arbitrary: weird },
  { weight: 1, arbitrary: fc.constantFrom<Json>(null, true, 0, -1, 1e308, [], {}) },
  { weight: 1, arbitrary: deep },
);

/** Every path into `value` (objects and arrays), the root included. */
function pathsOf(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const inner =
    value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([k, v]) =>
          pathsOf(v, [...at, Array.isArray(value) ? Number(k) : k]),
        )
      : [];
  return [at, ...inner];
}

type Edit = { path: (string | number)[]; op: 'set' | 'delete' | 'add'; key: string; value: Json };

function applyEdit(root: Json, { path, op, key, value }: Edit): Json {
  if (!path.length) return op === 'set' ? value : root;
  const isNode = (v: Json | undefined): v is Record<string, Json> =>
    typeof v === 'object' && v !== null;
  // An earlier edit may have replaced or removed part of the path: then this one does nothing.
  let parent: Json | undefined = root;
  for (const k of path.slice(0, -1)) parent = isNode(parent) ? parent[k] : undefined;
  if (!isNode(parent)) return root;
  const last = path[path.length - 1];
  const target = parent[last];
  // Own properties, as JSON.parse makes them: a key `__proto__` is a key, not the prototype.
  const put = (node: Record<string, Json>, k: string | number, v: Json) =>
    Object.defineProperty(node, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  if (op === 'delete') delete parent[last];
  else if (op === 'add' && isNode(target)) put(target, key, value);
  else put(parent, last, value);
  return root;
}

/** One of `makers`' real bodies (ids from `n`) with up to four fields replaced, removed or added. */
function mutated(makers: ((n: number) => Json)[]): fc.Arbitrary<Json> {
  return fc
    .tuple(fc.constantFrom(...makers), fc.integer({ min: 1, max: 2 ** 31 - 1 }))
    .chain(([make, n]) => {
      const base = make(n);
      const edit = fc.record({
        path: fc.constantFrom(...pathsOf(base)),
        op: fc.constantFrom<Edit['op']>('set', 'set', 'delete', 'add'),
        key: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor')),
        value: anyJson,
      });
      return fc
        .array(edit, { minLength: 1, maxLength: 4 })
        .map((edits) => edits.reduce(applyEdit, structuredClone(base)));
    });
}

/** A real body, a damaged one, or any JSON at all. */
const bodiesOf = (makers: ((n: number) => Json)[]) =>
  fc.oneof(
    {
      weight: 2,
      arbitrary: fc.constantFrom(...makers).chain((m) => fc.nat().map((n) => m(n + 1))),
    },
    { weight: 5, arbitrary: mutated(makers) },
    { weight: 1, arbitrary: anyJson },
  );

/** A list of bodies' parts of different shapes. */
const list = (...items: Json[]): Json[] => items;
const phoneOf = (n: number) => `+49151${String(n % 1e8).padStart(8, '0')}`;

describe('webhooks under fuzzing', () => {
  let t: TestApp;
  let telegram: FakeTelegram;
  let twilio: FakeTwilio;
  let meta: FakeMeta;
  let channels: Record<'api' | 'telegram' | 'twilio' | 'whatsapp' | 'messenger' | 'form', Channel>;
  let twilioAccount: { accountSid: string; authToken: string };
  let files: { telegram: string; twilio: string; whatsapp: string; cdn: string };
  /** Form posts so far: each comes from a client address of its own. */
  let formPosts = 0;

  /** POSTs exactly the bytes `raw` to `path` with `headers`; answers the status and the JSON answer. */
  const post = async (path: string, raw: Buffer, headers: Record<string, string>) => {
    const res = await fetch(`${t.url}${path}`, { method: 'POST', headers, body: raw });
    const text = await res.text();
    let body: { code?: string; message?: string } = {};
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      body = { message: text };
    }
    return { status: res.status, body };
  };

  /** How each webhook is signed (or, for the public form, counted per client address). */
  const senders = {
    api: (raw: Buffer, type: string) =>
      post(`/webhooks/api/${channels.api.id}`, raw, {
        'content-type': type,
        [SIGNATURE_HEADER]: sign(raw, API_SECRET),
      }),
    telegram: (raw: Buffer, type: string) =>
      post(`/webhooks/telegram/${channels.telegram.id}`, raw, {
        'content-type': type,
        [SECRET_TOKEN_HEADER]: TELEGRAM_SECRET,
      }),
    twilio: (raw: Buffer, type: string) => {
      const path = `/webhooks/twilio/${channels.twilio.id}`;
      return post(path, raw, {
        'content-type': type,
        [TWILIO_SIGNATURE_HEADER]: twilioSignature(
          twilioAccount.authToken,
          `${PUBLIC_URL}${path}`,
          formParams(raw),
        ),
      });
    },
    /** The voice webhooks of the Twilio channel, one picked by the body's length. */
    twilioVoice: (raw: Buffer, type: string) => {
      const route = ['', '/status', '/dialed', '/voicemail', '/transcription'][raw.length % 5];
      const path = `/webhooks/twilio/${channels.twilio.id}/voice${route}`;
      return post(path, raw, {
        'content-type': type,
        [TWILIO_SIGNATURE_HEADER]: twilioSignature(
          twilioAccount.authToken,
          `${PUBLIC_URL}${path}`,
          formParams(raw),
        ),
      });
    },
    whatsapp: (raw: Buffer, type: string) =>
      post(`/webhooks/meta/${channels.whatsapp.id}`, raw, {
        'content-type': type,
        [META_SIGNATURE_HEADER]: signMetaBody(raw, APP_SECRET),
      }),
    messenger: (raw: Buffer, type: string) =>
      post(`/webhooks/meta/${channels.messenger.id}`, raw, {
        'content-type': type,
        [META_SIGNATURE_HEADER]: signMetaBody(raw, APP_SECRET),
      }),
    form: (raw: Buffer, type: string) =>
      post(`/forms/${channels.form.id}`, raw, {
        'content-type': type,
        // A client address of its own per post: the fuzz is not the rate limit's test.
        'x-forwarded-for': `198.51.${(formPosts >> 8) & 255}.${formPosts++ & 255}`,
      }),
  };
  type Webhook = keyof typeof senders;
  const json = (body: Json) => Buffer.from(JSON.stringify(body) ?? 'null');
  /** Form-encoded, as Twilio and browsers post: non-string values as their JSON. */
  const form = (body: Json) => {
    const fields = body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {};
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(fields))
      for (const one of Array.isArray(v) ? v : [v])
        params.append(k, typeof one === 'string' ? one : JSON.stringify(one));
    return Buffer.from(params.toString());
  };

  /** Real bodies of each webhook, as the providers and their documentation show them. */
  const shapes: Record<Webhook, ((n: number) => Json)[]> = {
    api: [
      (n) => ({
        id: `m-${n}`,
        contact: { email: `kunde-${n}@example.test`, name: 'Karl Kunde' },
        text: 'Wo bleibt meine Bestellung?',
      }),
      (n) => ({
        id: `m-${n}`,
        contact: { identifier: `crm-${n}`, phone: phoneOf(n) },
        text: 'Mit Anhang',
        attachments: [
          { url: `${telegram.url}/missing.pdf`, name: 'a.pdf', contentType: 'application/pdf' },
          { url: 'http://10.0.0.1/x.png', name: 'x.png', contentType: 'image/png' },
        ],
      }),
      (n) => ({ event: 'message.status', id: `s-${n}`, messageId: `m-${n}`, status: 'read' }),
      (n) => ({
        event: 'call',
        id: `c-${n}`,
        contact: { phone: phoneOf(n) },
        direction: 'inbound',
        outcome: 'voicemail',
        startedAt: '2025-03-03T10:00:00+01:00',
        durationSeconds: 42,
        transcript: 'Bitte zurückrufen',
      }),
    ],
    telegram: [
      (n) => ({
        update_id: n,
        message: {
          message_id: 1,
          from: { id: n, is_bot: false, first_name: 'Jürgen', username: 'juergen' },
          chat: { id: n, type: 'private', first_name: 'Jürgen' },
          date: 1_700_000_000,
          text: 'Grüß Gott',
          reply_to_message: { message_id: 0, chat: { id: n, type: 'private' }, text: 'Hallo' },
        },
      }),
      (n) => ({
        update_id: n,
        message: {
          message_id: 2,
          from: { id: n, is_bot: false, first_name: 'Erika' },
          chat: { id: n, type: 'private' },
          date: 1_700_000_000,
          caption: 'Das Foto',
          photo: list(
            { file_id: files.telegram, file_unique_id: 'u1', width: 90, height: 60 },
            { file_id: 'gone', file_unique_id: 'u2', width: 1280, height: 853, file_size: 10 },
          ),
          forward_origin: { type: 'hidden_user', sender_user_name: 'Erika M.', date: 1 },
        },
      }),
      (n) => ({
        update_id: n,
        edited_message: {
          message_id: 1,
          from: { id: n, is_bot: false, first_name: 'Erika' },
          chat: { id: n, type: 'private' },
          date: 1_700_000_000,
          edit_date: 1_700_000_100,
          venue: { location: { latitude: 48.1, longitude: 11.5 }, title: 'Café', address: 'Hier' },
        },
      }),
      (n) => ({
        update_id: n,
        message_reaction: {
          chat: { id: n, type: 'private' },
          message_id: 1,
          user: { id: n, is_bot: false, first_name: 'Erika' },
          date: 1_700_000_000,
          old_reaction: [],
          new_reaction: [{ type: 'emoji', emoji: '👍' }],
        },
      }),
      (n) => ({ update_id: n, callback_query: { id: String(n), data: 'x' } }),
    ],
    twilio: [
      (n) => ({
        MessageSid: `SM${String(n).padStart(32, '0')}`,
        AccountSid: twilioAccount.accountSid,
        From: phoneOf(n),
        To: '+4930123456',
        Body: 'Hallo per SMS',
        NumMedia: '0',
      }),
      (n) => ({
        MessageSid: `MM${String(n).padStart(32, '0')}`,
        AccountSid: twilioAccount.accountSid,
        From: `whatsapp:${phoneOf(n)}`,
        To: 'whatsapp:+4930123456',
        Body: '',
        ProfileName: 'Erika',
        NumMedia: '2',
        MediaUrl0: files.twilio,
        MediaContentType0: 'image/png',
        MediaUrl1: 'https://example.test/elsewhere.png',
        MediaContentType1: 'image/png',
        OriginalRepliedMessageSid: 'SM0',
      }),
      (n) => ({
        MessageSid: `SM${String(n).padStart(32, '0')}`,
        MessageStatus: 'undelivered',
        ErrorCode: '30003',
        To: phoneOf(n),
      }),
    ],
    twilioVoice: [
      (n) => ({
        CallSid: `CA${String(n % 50).padStart(32, '0')}`,
        AccountSid: twilioAccount.accountSid,
        From: n % 7 ? phoneOf(n) : 'anonymous',
        To: '+4930123456',
        Direction: n % 11 ? 'inbound' : 'outbound-api',
        CallStatus: ['ringing', 'completed', 'busy', 'no-answer', 'in-progress'][n % 5],
        CallDuration: String(n % 300),
        Timestamp: 'Mon, 07 Dec 2026 09:01:35 +0000',
      }),
      (n) => ({
        CallSid: `CA${String(n % 50).padStart(32, '0')}`,
        AccountSid: twilioAccount.accountSid,
        From: phoneOf(n),
        To: '+4930123456',
        DialCallStatus: n % 2 ? 'completed' : 'no-answer',
        DialCallDuration: String(n % 90),
        RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1',
        RecordingDuration: '12',
        TranscriptionStatus: n % 3 ? 'completed' : 'failed',
        TranscriptionText: 'Bitte rufen Sie mich zurück 📞',
      }),
    ],
    whatsapp: [
      (n) => ({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: 'WABA',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: {
                    phone_number_id: (channels.whatsapp.config as { phoneNumberId: string })
                      .phoneNumberId,
                  },
                  contacts: [{ profile: { name: 'Erika' }, wa_id: phoneOf(n).slice(1) }],
                  messages: list(
                    {
                      from: phoneOf(n).slice(1),
                      id: `wamid.${n}`,
                      timestamp: '1700000000',
                      type: 'text',
                      text: { body: 'Hallo WhatsApp' },
                    },
                    {
                      from: phoneOf(n).slice(1),
                      id: `wamid.${n}.img`,
                      timestamp: '1700000001',
                      type: 'image',
                      image: { id: files.whatsapp, mime_type: 'image/png', caption: 'Bild' },
                    },
                  ),
                  statuses: [{ id: `wamid.out.${n}`, status: 'read', recipient_id: '1' }],
                },
              },
            ],
          },
        ],
      }),
    ],
    messenger: [
      (n) => ({
        object: 'page',
        entry: [
          {
            id: (channels.messenger.config as { pageId: string }).pageId,
            time: 1_700_000_000_000,
            messaging: list(
              {
                sender: { id: String(n) },
                recipient: { id: (channels.messenger.config as { pageId: string }).pageId },
                timestamp: 1_700_000_000_000,
                message: {
                  mid: `m_${n}`,
                  text: 'Hallo Messenger',
                  attachments: [
                    { type: 'image', payload: { url: files.cdn } },
                    { type: 'file', payload: { url: 'https://example.test/not-meta.pdf' } },
                  ],
                },
              },
              {
                sender: { id: String(n) },
                recipient: { id: (channels.messenger.config as { pageId: string }).pageId },
                delivery: { mids: [`m_out_${n}`], watermark: 1_700_000_000_000 },
              },
            ),
          },
        ],
      }),
    ],
    form: [
      (n) => ({
        name: 'Jürgen Müller',
        email: `juergen-${n}@example.test`,
        phone: '0171 1234567',
        subject: 'Größe',
        message: 'Welche Größe hat das Paket?',
        lang: 'de',
      }),
    ],
  };

  beforeAll(async () => {
    telegram = await new FakeTelegram().start();
    twilio = await new FakeTwilio().start();
    meta = await new FakeMeta().start();
    t = await startTestApp({ PUBLIC_URL, TRUST_PROXY: 'loopback' });
    const teamId = (await makeTeam(t.db, 'Fuzz')).id;
    const botToken = telegram.addBot();
    twilioAccount = twilio.addAccount();
    const wa = meta.addWhatsappNumber();
    const page = meta.addPage('messenger');
    channels = {
      api: await makeChannel(t.db, 'api', teamId, { secret: API_SECRET }),
      telegram: await makeChannel(t.db, 'telegram', teamId, {
        botToken,
        secretToken: TELEGRAM_SECRET,
        apiBaseUrl: telegram.url,
      }),
      twilio: await makeChannel(t.db, 'twilio', teamId, {
        ...twilioAccount,
        phoneNumber: '+4930123456',
        apiBaseUrl: twilio.url,
      }),
      whatsapp: await makeChannel(t.db, 'whatsapp', teamId, {
        phoneNumberId: wa.phoneNumberId,
        accessToken: wa.token,
        appSecret: APP_SECRET,
        verifyToken: 'fuzz-verify-token',
        apiBaseUrl: meta.url,
      }),
      messenger: await makeChannel(t.db, 'messenger', teamId, {
        pageId: page.pageId,
        pageAccessToken: page.token,
        appSecret: APP_SECRET,
        verifyToken: 'fuzz-verify-token',
        apiBaseUrl: meta.url,
      }),
      form: await makeChannel(t.db, 'form', teamId, { replyFrom: 'kontakt@touchpoint.test' }),
    };
    const png = Buffer.from('89504e470d0a1a0a0000', 'hex');
    files = {
      telegram: telegram.addFile(png, 'photos/file_1.png'),
      twilio: twilio.addMedia(twilioAccount.accountSid, png, 'image/png'),
      whatsapp: meta.addMedia(wa.token, png, 'image/png'),
      cdn: meta.addCdnFile(png, 'image/png', 'photo.png'),
    };
  });
  afterAll(async () => {
    await t?.close();
    await Promise.all([telegram?.stop(), twilio?.stop(), meta?.stop()]);
  });

  /** The answer a webhook gives a signed body: stored (2xx) or refused with the problem named (4xx). */
  const expectAnswer = (
    webhook: Webhook,
    answer: { status: number; body: { message?: string } },
  ) => {
    expect(answer.status).toBeLessThan(500);
    if (answer.status >= 400) expect(answer.body.message).toEqual(expect.any(String));
    // Only the API channel and the form validate what they store; the others keep everything.
    if (webhook !== 'api' && webhook !== 'form' && answer.status !== 400 && answer.status !== 413)
      expect(answer.status).toBeLessThan(300);
  };

  it.each(Object.keys(senders) as Webhook[])(
    '%s: any authentic body is stored (2xx) or refused naming the problem (4xx), never 5xx',
    async (webhook) => {
      const twilioForm = webhook === 'twilio' || webhook === 'twilioVoice';
      const encode = twilioForm ? form : json;
      const type = twilioForm ? 'application/x-www-form-urlencoded' : 'application/json';
      await fc.assert(
        fc.asyncProperty(bodiesOf(shapes[webhook]), fc.boolean(), async (body, asForm) => {
          // The form takes browser posts as well as JSON.
          const urlencoded = webhook === 'form' && asForm;
          const raw = urlencoded ? form(body) : encode(body);
          expectAnswer(
            webhook,
            await senders[webhook](raw, urlencoded ? 'application/x-www-form-urlencoded' : type),
          );
        }),
        { numRuns: RUNS },
      );
    },
  );

  it('bodies this fuzz found a 500 or a stuck event for are taken (checked to end below)', async () => {
    const n = 2 ** 31 + 7;
    // A NUL in phone_number_id or entry.id made the lookup of a sibling channel fail: 500, redelivered.
    const body = shapes.whatsapp[0](n) as {
      entry: { changes: { value: { metadata: { phone_number_id: string } } }[] }[];
    };
    body.entry[0].changes[0].value.metadata.phone_number_id = 'PN\u0000ID';
    const page = shapes.messenger[0](n) as { entry: { id: string }[] };
    page.entry[0].id = '\u0000';
    // A NUL in a status, or in the error words of delivery news, left the event pending for good:
    // its reason, or the news, could not be written.
    const status = { MessageSid: `SM${n}`, MessageStatus: '\u0000', ErrorCode: '\u0000' };
    const news = {
      event: 'message.status',
      id: `s-${n}`,
      messageId: `m-${n}`,
      status: 'failed',
      error: 'a\u0000b',
    };
    // A status named like an object's property (`constructor`, `__proto__`) read as news with an
    // object for its status: refused by the database, its whole batch rolled back, failed at last.
    const inherited = { MessageSid: `SM${n}1`, MessageStatus: 'constructor' };
    const proto = shapes.whatsapp[0](n + 1) as {
      entry: { changes: { value: { statuses: { status: string }[] } }[] }[];
    };
    proto.entry[0].changes[0].value.statuses[0].status = '__proto__';
    const answers = [
      await senders.whatsapp(json(body as unknown as Json), 'application/json'),
      await senders.messenger(json(page as unknown as Json), 'application/json'),
      await senders.twilio(form(status), 'application/x-www-form-urlencoded'),
      await senders.api(json(news), 'application/json'),
      await senders.twilio(form(inherited), 'application/x-www-form-urlencoded'),
      await senders.whatsapp(json(proto as unknown as Json), 'application/json'),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 202, 200, 200]);
  });

  it('random bytes, wrong content types and oversized bodies are 4xx, never 5xx', async () => {
    const types = [
      'application/octet-stream',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/json',
      'application/json; charset=utf-16',
      'application/x-www-form-urlencoded; charset=bogus',
      'image/png',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...(Object.keys(senders) as Webhook[])),
        fc.uint8Array({ minLength: 1, maxLength: 2048 }),
        fc.constantFrom(...types),
        async (webhook, bytes, type) => {
          // Random bytes are never valid JSON here: a `{` or `[` start is made invalid.
          const raw = Buffer.concat([Buffer.from('\u0001'), Buffer.from(bytes)]);
          const { status } = await senders[webhook](raw, type);
          expect(status).toBeGreaterThanOrEqual(400);
          expect(status).toBeLessThan(500);
        },
      ),
      { numRuns: 40 },
    );
    const huge = Buffer.from(JSON.stringify({ text: 'x'.repeat(1024 * 1024) }));
    for (const webhook of Object.keys(senders) as Webhook[]) {
      for (const type of ['application/json', 'application/x-www-form-urlencoded']) {
        const { status, body } = await senders[webhook](huge, type);
        expect({ webhook, type, status, code: body.code }).toEqual({
          webhook,
          type,
          status: 413,
          code: 'request.too_large',
        });
      }
    }
  });

  it('every stored event ends processed, ignored or failed with a reason; the worker still stores messages', async () => {
    const ids = Object.values(channels).map((c) => c.id);
    await drainQueues(t, { ms: 15_000 });
    // Retries wait their backoff outside what the drain counts: every event must end.
    await waitFor(
      'every inbound event to end',
      async () => {
        const [{ n }]: { n: number }[] = await t.db.query(
          `SELECT count(*)::int AS n FROM inbound_events
            WHERE channel_id = ANY($1::uuid[]) AND status = 'pending'`,
          [ids],
        );
        return n === 0;
      },
      15_000,
    );
    const events: { kind: string; status: string; error: string | null; attempts: number }[] =
      await t.db.query(
        `SELECT c.kind, e.status, e.last_error AS error, e.attempts
           FROM inbound_events e JOIN channels c ON c.id = e.channel_id
          WHERE e.channel_id = ANY($1::uuid[])`,
        [ids],
      );
    for (const e of events) {
      expect(['processed', 'ignored', 'failed']).toContain(e.status);
      if (e.status !== 'processed') expect(e.error?.trim()).toBeTruthy();
      // A failure is the payload's, in words: never a crash of the code reading it, nor a store
      // refusing what the parser handed it.
      expect(e.error ?? '').not.toMatch(
        /is not a function|is not iterable|Cannot (read|destructure|convert)|of (undefined|null)|TypeError|RangeError|no usable sender|value too long|invalid input/,
      );
      // Read once: nothing was retried, so no batch failed for one bad event.
      expect(e).toEqual({ ...e, attempts: 1 });
    }
    // The fuzz reached the inbox: every channel stored messages.
    for (const kind of ['api', 'telegram', 'twilio', 'whatsapp', 'messenger', 'form'])
      expect(events.some((e) => e.kind === kind && e.status === 'processed')).toBe(true);

    // The worker is alive: an ordinary message on each channel afterwards is stored.
    const n = 2 ** 31 + Math.floor(Math.random() * 1e6);
    const after = `Nachher ${randomUUID()}`;
    const fresh: [Webhook, Json][] = [
      ['api', { id: `after-${n}`, contact: { email: 'after@example.test' }, text: after }],
      ['telegram', shapes.telegram[0](n)],
      ['whatsapp', shapes.whatsapp[0](n)],
      ['messenger', shapes.messenger[0](n)],
      ['form', { ...(shapes.form[0](n) as Record<string, Json>), message: after }],
    ];
    for (const [webhook, body] of fresh)
      expect((await senders[webhook](json(body), 'application/json')).status).toBeLessThan(300);
    const sms = shapes.twilio[0](n) as Record<string, string>;
    expect((await senders.twilio(form(sms), 'application/x-www-form-urlencoded')).status).toBe(200);
    const expected = [
      ['api', `after-${n}`],
      ['telegram', `${n}:1`],
      ['twilio', sms.MessageSid],
      ['whatsapp', `wamid.${n}`],
      ['messenger', `m_${n}`],
    ];
    await waitFor(
      'the messages sent after the fuzz',
      async () => {
        const rows: { kind: string; id: string | null; text: string }[] = await t.db.query(
          `SELECT c.kind, m.provider_message_id AS id, m.text
             FROM messages m JOIN channels c ON c.id = m.channel_id
            WHERE m.channel_id = ANY($1::uuid[]) AND m.created_at > now() - interval '1 minute'`,
          [ids],
        );
        return (
          expected.every(([kind, id]) => rows.some((r) => r.kind === kind && r.id === id)) &&
          rows.some((r) => r.kind === 'form' && r.text === after)
        );
      },
      15_000,
    );
  }, 50_000);
});
