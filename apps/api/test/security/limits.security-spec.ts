import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import {
  WIDGET_ERRORS,
  WIDGET_EVENTS,
  WIDGET_NAMESPACE,
  WIDGET_SEND_LIMIT,
  type WidgetAck,
  type WidgetSessionPayload,
} from '@touchpoint/shared';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { AppConfig, ConfigError } from '../../src/config/app-config';
import { FORM_RATE_LIMIT } from '../../src/modules/channels/adapters/form/form-throttler.guard';
import { WIDGET_ADDRESS_SEND_LIMIT } from '../../src/modules/channels/adapters/webchat/widget-send-limiter';
import { makeChannel } from '../helpers/channels';
import { makeTeam, makeUser, type MadeUser } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wait';

const SITE = 'https://shop.example.test';
/** Long enough that a slow machine's sign-ins all fall into one window; a small address limit keeps it quick. */
const LOGIN_LIMITS = { LOGIN_RATE_WINDOW: '600', LOGIN_ADDRESS_RATE_LIMIT: '12' };
const ADDRESS_LIMIT = 12;
const DOCKER = resolve(__dirname, '../../../../docker');

interface Answer {
  status: number;
  retryAfter: number | undefined;
  body: { statusCode?: number; code?: string; message?: string; accessToken?: string };
}

/** A JSON POST sent from `localAddress` (any 127.0.0.0/8 address is this machine), with extra headers. */
function post(
  url: string,
  body: unknown,
  opts: { localAddress?: string; forwardedFor?: string; accessToken?: string } = {},
): Promise<Answer> {
  const raw = JSON.stringify(body);
  return new Promise((done, fail) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        localAddress: opts.localAddress,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(raw),
          ...(opts.forwardedFor && { 'x-forwarded-for': opts.forwardedFor }),
          ...(opts.accessToken && { authorization: `Bearer ${opts.accessToken}` }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const header = res.headers['retry-after'];
          done({
            status: res.statusCode ?? 0,
            retryAfter: header === undefined ? undefined : Number(header),
            body: JSON.parse(text) as Answer['body'],
          });
        });
      },
    );
    req.on('error', fail);
    req.end(raw);
  });
}

/** A sign-in sent from `localAddress`, with extra headers. */
function signIn(
  url: string,
  body: { email: string; password: string },
  opts: { localAddress?: string; forwardedFor?: string } = {},
): Promise<Answer> {
  return post(`${url}/api/auth/login`, body, opts);
}

const wrong = (user: Pick<MadeUser, 'email'>) => ({ email: user.email, password: 'guess-guess' });
const unknownAccount = () => ({ email: `nobody-${randomUUID()}@example.test`, password: 'guess' });

/** The 429 every refused sign-in gets: Retry-After and a sentence saying when to try again. */
function expectRefused(answer: Answer): void {
  expect(answer.status).toBe(429);
  expect(answer.retryAfter).toBeGreaterThan(0);
  expect(answer.body).toMatchObject({ statusCode: 429, code: 'rate_limited' });
  expect(answer.body.message).toMatch(/try again in \d+ (second|minute|hour)s?/);
}

/** A website visitor's socket; `forwardedFor` is sent as X-Forwarded-For on the handshake. */
async function visitor(
  url: string,
  channelId: string,
  opts: { forwardedFor?: string; sessionToken?: string } = {},
): Promise<{ socket: Socket; session: WidgetSessionPayload }> {
  const socket = io(`${url}${WIDGET_NAMESPACE}`, {
    auth: { channelId, ...(opts.sessionToken && { sessionToken: opts.sessionToken }) },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: {
      origin: SITE,
      ...(opts.forwardedFor && { 'x-forwarded-for': opts.forwardedFor }),
    },
  });
  const session = await new Promise<WidgetSessionPayload>((done, fail) => {
    socket.once(WIDGET_EVENTS.session, done);
    socket.once('connect_error', fail);
  });
  return { socket, session };
}

/** Sends `count` messages on `socket`, one after the other; how many were accepted. */
async function sendMany(socket: Socket, count: number): Promise<WidgetAck[]> {
  const acks: WidgetAck[] = [];
  for (let i = 0; i < count; i++) {
    acks.push(
      (await socket.timeout(5000).emitWithAck(WIDGET_EVENTS.send, {
        clientMessageId: randomUUID(),
        text: `Hallo ${i}`,
      })) as WidgetAck,
    );
  }
  return acks;
}

const accepted = (acks: WidgetAck[]) => acks.filter((a) => a.ok).length;
const refusedAsRateLimited = (acks: WidgetAck[]) =>
  acks.filter((a) => !a.ok).every((a) => !a.ok && a.error === WIDGET_ERRORS.rateLimited);

describe('Limits', () => {
  const sockets: Socket[] = [];
  const apps: TestApp[] = [];
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));
  afterAll(() => Promise.all(apps.map((a) => a.close())));

  describe('without TRUST_PROXY', () => {
    let t: TestApp;
    let channelId: string;
    beforeAll(async () => {
      t = await startTestApp(LOGIN_LIMITS);
      apps.push(t);
      const team = await makeTeam(t.db, 'Marketing');
      channelId = (
        await makeChannel(t.db, 'webchat', team.id, {
          secret: 'webchat-secret-0123456789abcdef',
          allowedOrigins: [SITE],
        })
      ).id;
    });

    it('5 client addresses × 10 wrong passwords on one account end in 429 after 10, also for the right password', async () => {
      const target = await makeUser(t.db);
      const answers: Answer[] = [];
      for (const last of [2, 3, 4, 5, 6]) {
        for (let i = 0; i < 10; i++) {
          answers.push(await signIn(t.url, wrong(target), { localAddress: `127.0.0.${last}` }));
        }
      }
      expect(answers.slice(0, 10).map((a) => a.status)).toEqual(Array(10).fill(401));
      answers.slice(10).forEach(expectRefused);
      expectRefused(await signIn(t.url, target, { localAddress: '127.0.0.7' }));
    });

    it('one client address trying many accounts, with a new spoofed X-Forwarded-For each time, ends in 429', async () => {
      const answers: Answer[] = [];
      for (let i = 0; i < ADDRESS_LIMIT + 5; i++) {
        answers.push(
          await signIn(t.url, unknownAccount(), {
            localAddress: '127.0.0.10',
            forwardedFor: `203.0.113.${i + 1}`,
          }),
        );
      }
      expect(answers.slice(0, ADDRESS_LIMIT).map((a) => a.status)).toEqual(
        Array(ADDRESS_LIMIT).fill(401),
      );
      answers.slice(ADDRESS_LIMIT).forEach(expectRefused);
      // Another address is not affected.
      expect((await signIn(t.url, unknownAccount(), { localAddress: '127.0.0.11' })).status).toBe(
        401,
      );
    });

    it('wrong current passwords at the password change are limited like sign-ins', async () => {
      const target = await makeUser(t.db);
      const from = { localAddress: '127.0.0.12' };
      const session = await signIn(t.url, target, from);
      expect(session.status).toBe(200);
      const change = (currentPassword: string) =>
        post(
          `${t.url}/api/auth/password`,
          { currentPassword, newPassword: 'a brand new passphrase' },
          { ...from, accessToken: session.body.accessToken },
        );
      const answers: Answer[] = [];
      for (let i = 0; i < 12; i++) answers.push(await change(`guess-guess-${i}`));
      expect(answers.slice(0, 10).map((a) => a.status)).toEqual(Array(10).fill(400));
      answers.slice(10).forEach(expectRefused);
      expect(answers[10].body.message).toMatch(/^Too many wrong passwords: try again in /);
      // Even the right current password waits now, and so does a sign-in to the account.
      expectRefused(await change(target.password));
      expectRefused(await signIn(t.url, target, { localAddress: '127.0.0.13' }));
    });

    it('5 fresh website-chat sockets × 10 messages from one address, each with its own spoofed X-Forwarded-For, are refused beyond the address limit', async () => {
      const acks: WidgetAck[] = [];
      for (let i = 0; i < 5; i++) {
        const v = await visitor(t.url, channelId, { forwardedFor: `198.51.100.${i + 1}` });
        sockets.push(v.socket);
        acks.push(...(await sendMany(v.socket, 10)));
      }
      expect(accepted(acks)).toBe(WIDGET_ADDRESS_SEND_LIMIT.count);
      expect(refusedAsRateLimited(acks)).toBe(true);
    });
  });

  describe('growing back-off', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ LOGIN_RATE_LIMIT: '3', LOGIN_RATE_WINDOW: '1' });
      apps.push(t);
    });

    it('after 3 failures each further failure doubles the wait (1 s, 2 s, 4 s); a success resets it', async () => {
      const target = await makeUser(t.db);
      const from = { localAddress: '127.0.0.20' };
      for (let i = 0; i < 3; i++)
        expect((await signIn(t.url, wrong(target), from)).status).toBe(401);

      const waits: number[] = [];
      for (let round = 0; round < 3; round++) {
        const refused = await signIn(t.url, wrong(target), from);
        expectRefused(refused);
        waits.push(refused.retryAfter ?? 0);
        // Refused attempts do not count; the first one after the wait is a real (wrong) attempt.
        const next = await waitFor('the wait to end', async () => {
          const a = await signIn(t.url, wrong(target), from);
          return a.status === 429 ? null : a;
        });
        expect(next.status).toBe(401);
      }
      expect(waits).toEqual([1, 2, 4]);

      const longer = await signIn(t.url, wrong(target), from);
      expect(longer.retryAfter).toBe(8);
      const right = await waitFor(
        'the 8 s wait to end',
        async () => {
          const a = await signIn(t.url, target, from);
          return a.status === 429 ? null : a;
        },
        15_000,
      );
      expect(right.status).toBe(200);
      // The success forgot the failures: three fresh tries before any wait.
      for (let i = 0; i < 3; i++)
        expect((await signIn(t.url, wrong(target), from)).status).toBe(401);
      expectRefused(await signIn(t.url, wrong(target), from));
    });
  });

  describe('with TRUST_PROXY=1 (one proxy in front, as in the compose deployment)', () => {
    let t: TestApp;
    let second: TestApp;
    let channelId: string;
    let formId: string;
    beforeAll(async () => {
      t = await startTestApp({ ...LOGIN_LIMITS, TRUST_PROXY: '1' });
      second = await startTestApp(
        { ...LOGIN_LIMITS, TRUST_PROXY: '1', REDIS_PREFIX: t.config.redis.prefix },
        t.config.database.url,
      );
      apps.push(t, second);
      const team = await makeTeam(t.db, 'Marketing');
      channelId = (
        await makeChannel(t.db, 'webchat', team.id, {
          secret: 'webchat-secret-0123456789abcdef',
          allowedOrigins: [SITE],
        })
      ).id;
      formId = (await makeChannel(t.db, 'form', team.id, { replyFrom: 'sales@example.test' })).id;
    });

    it('5 forwarded client addresses × 10 wrong passwords on one account end in 429 after 10', async () => {
      const target = await makeUser(t.db);
      const answers: Answer[] = [];
      for (let i = 1; i <= 5; i++) {
        for (let k = 0; k < 10; k++) {
          answers.push(await signIn(t.url, wrong(target), { forwardedFor: `192.0.2.${i}` }));
        }
      }
      expect(answers.filter((a) => a.status === 401)).toHaveLength(10);
      answers.slice(10).forEach(expectRefused);
    });

    it('X-Forwarded-For entries a client prepends do not give it a new address: many accounts still end in 429', async () => {
      const answers: Answer[] = [];
      for (let i = 0; i < ADDRESS_LIMIT + 5; i++) {
        answers.push(
          await signIn(t.url, unknownAccount(), { forwardedFor: `10.0.${i}.1, 198.51.100.7` }),
        );
      }
      expect(answers.slice(0, ADDRESS_LIMIT).map((a) => a.status)).toEqual(
        Array(ADDRESS_LIMIT).fill(401),
      );
      answers.slice(ADDRESS_LIMIT).forEach(expectRefused);
    });

    it('a client with a whole IPv6 /64 taking a new address per attempt across accounts still ends in 429', async () => {
      const answers: Answer[] = [];
      for (let i = 1; i <= ADDRESS_LIMIT + 3; i++) {
        answers.push(
          await signIn(t.url, unknownAccount(), {
            forwardedFor: `2001:db8:7:7::${i.toString(16)}`,
          }),
        );
      }
      expect(answers.slice(0, ADDRESS_LIMIT).map((a) => a.status)).toEqual(
        Array(ADDRESS_LIMIT).fill(401),
      );
      answers.slice(ADDRESS_LIMIT).forEach(expectRefused);
      // The neighbouring /64 is someone else.
      expect(
        (await signIn(t.url, unknownAccount(), { forwardedFor: '2001:db8:7:8::1' })).status,
      ).toBe(401);
    });

    it('one website visitor on 5 sockets across two api processes gets only its 10 messages per window', async () => {
      const first = await visitor(t.url, channelId, { forwardedFor: '198.51.100.20' });
      sockets.push(first.socket);
      const acks = await sendMany(first.socket, 10);
      for (let i = 0; i < 4; i++) {
        const again = await visitor(i % 2 ? t.url : second.url, channelId, {
          forwardedFor: '198.51.100.20',
          sessionToken: first.session.sessionToken,
        });
        sockets.push(again.socket);
        acks.push(...(await sendMany(again.socket, 10)));
      }
      expect(accepted(acks)).toBe(WIDGET_SEND_LIMIT.count);
      expect(refusedAsRateLimited(acks)).toBe(true);
    });

    it('fresh website-chat sockets from one forwarded address, spread over two api processes and with prepended spoofed entries, are refused beyond the address limit', async () => {
      const acks: WidgetAck[] = [];
      for (let i = 0; i < 5; i++) {
        const v = await visitor(i % 2 ? t.url : second.url, channelId, {
          forwardedFor: `10.1.${i}.1, 198.51.100.30`,
        });
        sockets.push(v.socket);
        acks.push(...(await sendMany(v.socket, 10)));
      }
      expect(accepted(acks)).toBe(WIDGET_ADDRESS_SEND_LIMIT.count);
      expect(refusedAsRateLimited(acks)).toBe(true);
    });

    it('contact form posts with prepended spoofed X-Forwarded-For entries are still limited per address', async () => {
      const statuses: number[] = [];
      for (let i = 0; i <= FORM_RATE_LIMIT; i++) {
        const res = await request(t.url)
          .post(`/forms/${formId}`)
          .set('X-Forwarded-For', `10.2.${i}.1, 198.51.100.40`)
          .send({ name: 'Lea', email: 'lea@example.test', message: 'Angebot bitte' });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([...Array(FORM_RATE_LIMIT).fill(202), 429]);
    });
  });

  describe('deployment', () => {
    it('TRUST_PROXY=true (trust every X-Forwarded-For) is refused at start with what to set instead', () => {
      let error: unknown;
      try {
        AppConfig.load({ TRUST_PROXY: 'true' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^TRUST_PROXY .*number of proxies.*1.*addresses/),
      ]);
    });

    it('nginx sets X-Forwarded-For from the real peer only, and compose trusts exactly that one hop', () => {
      const nginx = readFileSync(resolve(DOCKER, 'nginx.conf'), 'utf8');
      const forwarded = [...nginx.matchAll(/proxy_set_header\s+X-Forwarded-For\s+([^;]+);/g)].map(
        (m) => m[1].trim(),
      );
      expect(forwarded.length).toBeGreaterThanOrEqual(2);
      expect(new Set(forwarded)).toEqual(new Set(['$remote_addr']));
      const compose = readFileSync(resolve(DOCKER, 'compose.yml'), 'utf8');
      expect(compose).toMatch(/^\s*TRUST_PROXY: '1'\s*$/m);
    });
  });
});
