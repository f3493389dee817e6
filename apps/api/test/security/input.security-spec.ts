import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  REALTIME_EVENTS,
  REALTIME_JOIN_CONVERSATION,
  REALTIME_LEAVE_CONVERSATION,
  WIDGET_EVENTS,
  type AuthTokensDto,
  type MessageDto,
  type TimelineDto,
} from '@touchpoint/shared';
import request from 'supertest';
import type { Socket } from 'socket.io-client';
import { sign, SIGNATURE_HEADER } from '../../src/modules/channels/adapters/api/api-signature';
import type { Channel } from '../../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from '../helpers/channels';
import { waitForConversationOf } from '../helpers/conversations';
import { makeTeam, makeUser, type MadeUser } from '../helpers/factories';
import { as, login } from '../helpers/http';
import { mailToIntake } from '../helpers/smtp-intake';
import { connectVisitor, readyStaff, widgetSession } from '../helpers/sockets';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wait';

const NUL = '\u0000';
const LONE_SURROGATE = '\ud800';
const REPLACEMENT = '\ufffd';
const WEBCHAT_SECRET = 'webchat-secret-0123456789abcdef';

/** What an agent sees of the inbound messages of a conversation. */
async function inboundMessages(t: TestApp, token: string, id: string): Promise<MessageDto[]> {
  const res = await as(t.url, token).get(`/api/conversations/${id}/timeline`).expect(200);
  return (res.body as TimelineDto).entries
    .filter((e) => e.type === 'message')
    .map((e) => (e as { message: MessageDto }).message)
    .filter((m) => m.type === 'inbound');
}

/** An ack, or `'no ack'` when the server never answered (the emit times out). */
async function ackOf(socket: Socket, event: string, payload: unknown): Promise<unknown> {
  try {
    return await socket.timeout(3000).emitWithAck(event, payload);
  } catch {
    return 'no ack';
  }
}

describe('Hostile input', () => {
  let t: TestApp;
  let admin: AuthTokensDto;
  let agent: MadeUser;
  let agentTokens: AuthTokensDto;
  let teamId: string;
  let apiChannel: Channel;
  let conversationId: string;

  beforeAll(async () => {
    // As deployed: the built web app is served too (its fallback used to swallow body errors as 404s).
    const webDist = mkdtempSync(join(tmpdir(), 'touchpoint-web-'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Touchpoint</title>');
    t = await startTestApp({ WEB_DIST: webDist });
    teamId = (await makeTeam(t.db)).id;
    agent = await makeUser(t.db, { teams: [teamId] });
    agentTokens = await login(t.url, agent);
    admin = await login(t.url, await makeUser(t.db, { role: 'admin' }));
    apiChannel = await makeChannel(t.db, 'api', teamId, { secret: 'api-secret-0123456789abcdef' });
    await postApiMessage(t.url, apiChannel, {
      id: 'first',
      contact: { email: 'first@example.test', name: 'First' },
      text: 'Hello',
    }).expect(202);
    conversationId = await waitForConversationOf(t.db, 'first@example.test');
  });
  afterAll(() => t.close());

  describe('staff input', () => {
    it('a note with a NUL byte is refused with 400 naming the field', async () => {
      const res = await as(t.url, agentTokens.accessToken)
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ type: 'note', body: `before${NUL}after`, clientMessageId: randomUUID() });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message).toMatch(/^body /);
    });

    it('a lone UTF-16 surrogate in a channel setting is refused with 400 naming the field', async () => {
      const res = await as(t.url, admin.accessToken)
        .post('/api/channels')
        .send({
          kind: 'webchat',
          name: 'Chat',
          teamId,
          config: { secret: `${WEBCHAT_SECRET}${LONE_SURROGATE}`, allowedOrigins: [] },
        });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^config\.secret /);
    });

    it('a lone surrogate in a team name is refused, not silently replaced', async () => {
      const res = await as(t.url, admin.accessToken)
        .post('/api/teams')
        .send({ name: `Team ${LONE_SURROGATE}` });
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^name /);
    });

    it('a NUL byte in a query string is refused with 400 naming the parameter', async () => {
      const res = await as(t.url, agentTokens.accessToken).get(
        `/api/conversations?view=mine&q=a%00b`,
      );
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^q /);
    });
  });

  it('deleting a team that channels still route to is answered 409, not 500', async () => {
    const res = await as(t.url, admin.accessToken).delete(`/api/teams/${teamId}`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ statusCode: 409, code: 'teams.has_channels' });
  });

  describe('numbers, ids and tokens', () => {
    it('timeline?after=99999999999 is answered 400 naming after', async () => {
      const res = await as(t.url, agentTokens.accessToken).get(
        `/api/conversations/${conversationId}/timeline?after=99999999999`,
      );
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^after /);
    });

    it('a conversation cursor with a date PostgreSQL cannot read is answered 400', async () => {
      const cursor = Buffer.from(`1|${randomUUID()}`).toString('base64url');
      const res = await as(t.url, agentTokens.accessToken).get(
        `/api/conversations?view=mine&cursor=${cursor}`,
      );
      expect(res.status).toBe(400);
    });

    it('a conversation cursor with an id of dashes is answered 400', async () => {
      const cursor = Buffer.from(`${new Date().toISOString()}|${'-'.repeat(36)}`).toString(
        'base64url',
      );
      const res = await as(t.url, agentTokens.accessToken).get(
        `/api/conversations?view=mine&cursor=${cursor}`,
      );
      expect(res.status).toBe(400);
    });

    it('a refresh token of dashes is answered 401, not 500', async () => {
      const refreshToken = `${'-'.repeat(36)}.${'a'.repeat(43)}`;
      const refresh = await request(t.url).post('/api/auth/refresh').send({ refreshToken });
      expect(refresh.status).toBe(401);
      const logout = await request(t.url).post('/api/auth/logout').send({ refreshToken });
      expect(logout.status).toBeLessThan(500);
    });
  });

  describe('request bodies', () => {
    it('malformed JSON is answered 400 with the error JSON', async () => {
      const res = await request(t.url)
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email": ');
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message).toMatch(/JSON/);
    });

    it('a body over 1 MB is answered 413 with the error JSON', async () => {
      const res = await request(t.url)
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ email: 'a@example.test', password: 'x'.repeat(1_100_000) }));
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
    });

    it('a body in an unsupported charset is answered 415 with the error JSON', async () => {
      const res = await request(t.url)
        .post('/api/auth/login')
        .set('Content-Type', 'application/json; charset=koi8-r')
        .send('{"email":"a@example.test","password":"x"}');
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
    });

    it('a body of an unsupported content type is answered 415 with the error JSON', async () => {
      const res = await request(t.url)
        .post('/api/auth/login')
        .set('Content-Type', 'application/xml')
        .send('<login><email>a@example.test</email></login>');
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({ statusCode: 415, error: 'Unsupported Media Type' });
    });

    it('a signed API channel message with a deeply nested extra field is answered 400, not 500', async () => {
      const valid = JSON.stringify({
        id: 'deep',
        contact: { email: 'deep@example.test' },
        text: 'Hi',
        extra: 0,
      });
      const raw = valid.replace('"extra":0', `"extra":${'['.repeat(20_000)}${']'.repeat(20_000)}`);
      const res = await request(t.url)
        .post(`/webhooks/api/${apiChannel.id}`)
        .set('Content-Type', 'application/json')
        .set(SIGNATURE_HEADER, sign(raw, (apiChannel.config as { secret: string }).secret))
        .send(raw);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'request.too_deep' });
    });
  });

  describe('staff socket', () => {
    let socket: Socket;
    beforeAll(async () => {
      socket = await readyStaff(t.url, agentTokens.accessToken);
    });
    afterAll(() => socket.disconnect());

    it('joining with an id of dashes is acked with ok:false', async () => {
      const ack = await ackOf(socket, REALTIME_JOIN_CONVERSATION, {
        conversationId: '-'.repeat(36),
      });
      expect(ack).toMatchObject({ ok: false, error: expect.stringMatching(/conversationId/) });
    });

    it('leaving with a malformed id is acked with ok:false', async () => {
      const ack = await ackOf(socket, REALTIME_LEAVE_CONVERSATION, { conversationId: 7 });
      expect(ack).toMatchObject({ ok: false, error: expect.stringMatching(/conversationId/) });
    });

    it('typing with an id of dashes is acked with ok:false', async () => {
      const ack = await ackOf(socket, REALTIME_EVENTS.conversationTyping, {
        conversationId: '-'.repeat(36),
        typing: true,
      });
      expect(ack).toMatchObject({ ok: false, error: expect.stringMatching(/conversationId/) });
    });
  });

  describe('customer content is kept, cleaned and flagged', () => {
    /** The one inbound message of `email`'s conversation, once stored. */
    async function storedMessageOf(email: string): Promise<MessageDto> {
      const id = await waitForConversationOf(t.db, email);
      const [message] = await waitFor(`the message of ${email}`, async () => {
        const all = await inboundMessages(t, admin.accessToken, id);
        return all.length ? all : null;
      });
      return message;
    }

    it('an email with a NUL in its text through the SMTP intake reaches the inbox, flagged', async () => {
      const email = await makeChannel(t.db, 'email', teamId, {
        address: 'support@touchpoint.test',
        smtp: { host: '127.0.0.1', port: 2, secure: false },
      });
      expect(email.id).toBeTruthy();
      await mailToIntake(t.app, {
        from: 'Nul Sender <nul@example.test>',
        to: 'support@touchpoint.test',
        subject: `Order${NUL}42`,
        text: `My order${NUL}is late`,
      });
      const message = await storedMessageOf('nul@example.test');
      expect(message.text).toContain(`My order${REPLACEMENT}is late`);
      expect(message.subject).toBe(`Order${REPLACEMENT}42`);
      expect(message.charactersReplaced).toBe(true);
    });

    it('an API channel message with NUL and a lone surrogate is stored cleaned and flagged; the raw payload is kept exactly', async () => {
      const text = `Hi${NUL}there ${LONE_SURROGATE}!`;
      const res = await postApiMessage(t.url, apiChannel, {
        id: `nul${NUL}id`,
        contact: { email: 'api-nul@example.test', name: `Api${NUL}Name` },
        text,
      });
      expect(res.status).toBe(202);
      const message = await storedMessageOf('api-nul@example.test');
      expect(message.text).toBe(`Hi${REPLACEMENT}there ${REPLACEMENT}!`);
      expect(message.charactersReplaced).toBe(true);
      expect(message.author.name).toBe(`Api${REPLACEMENT}Name`);

      const [event]: { payload_text: string | null }[] = await t.db.query(
        `SELECT payload_text FROM inbound_events WHERE channel_id = $1 AND payload_text IS NOT NULL`,
        [apiChannel.id],
      );
      expect((JSON.parse(event.payload_text ?? 'null') as { text: string }).text).toBe(text);
    });

    it('a clean message is not flagged', async () => {
      await postApiMessage(t.url, apiChannel, {
        id: 'clean',
        contact: { email: 'clean@example.test' },
        text: 'Nothing odd here 👍',
      }).expect(202);
      const message = await storedMessageOf('clean@example.test');
      expect(message.text).toBe('Nothing odd here 👍');
      expect(message.charactersReplaced).toBe(false);
    });

    it('a contact form post with a NUL reaches the inbox, flagged', async () => {
      const form = await makeChannel(t.db, 'form', teamId, { replyFrom: 'forms@touchpoint.test' });
      const res = await request(t.url)
        .post(`/forms/${form.id}`)
        .send({
          name: `Form${NUL}Person`,
          email: 'form-nul@example.test',
          message: `Need${NUL}chairs ${LONE_SURROGATE}`,
        });
      expect(res.status).toBe(202);
      const message = await storedMessageOf('form-nul@example.test');
      expect(message.text).toContain(`Need${REPLACEMENT}chairs ${REPLACEMENT}`);
      expect(message.charactersReplaced).toBe(true);
    });

    it('a website chat message with a NUL reaches the inbox, flagged', async () => {
      const webchat = await makeChannel(t.db, 'webchat', teamId, {
        secret: WEBCHAT_SECRET,
        allowedOrigins: [],
      });
      const visitor = connectVisitor(t.url, { channelId: webchat.id });
      try {
        await widgetSession(visitor);
        const ack = await ackOf(visitor, WIDGET_EVENTS.send, {
          clientMessageId: randomUUID(),
          text: `Chat${NUL}text ${LONE_SURROGATE}`,
        });
        expect(ack).toMatchObject({ ok: true });
        const [row] = await waitFor('the webchat contact', async () => {
          const rows: { id: string }[] = await t.db.query(
            'SELECT conversation_id AS id FROM messages WHERE channel_id = $1',
            [webchat.id],
          );
          return rows.length ? rows : null;
        });
        const [message] = await inboundMessages(t, admin.accessToken, row.id);
        expect(message.text).toBe(`Chat${REPLACEMENT}text ${REPLACEMENT}`);
        expect(message.charactersReplaced).toBe(true);
      } finally {
        visitor.disconnect();
      }
    });

    it('widget events with malformed payloads are always acked', async () => {
      const webchat = await makeChannel(t.db, 'webchat', teamId, {
        secret: WEBCHAT_SECRET,
        allowedOrigins: [],
      });
      const visitor = connectVisitor(t.url, { channelId: webchat.id });
      try {
        await widgetSession(visitor);
        for (const [event, payload] of [
          [WIDGET_EVENTS.send, { clientMessageId: '-'.repeat(36), text: 'x' }],
          [WIDGET_EVENTS.send, 'text'],
          [WIDGET_EVENTS.leaveEmail, { email: ['a@example.test'] }],
          [WIDGET_EVENTS.visitorTyping, { typing: 'yes' }],
          [WIDGET_EVENTS.visitorTyping, null],
        ] as const) {
          expect(await ackOf(visitor, event, payload)).toMatchObject({ ok: false });
        }
        expect(await ackOf(visitor, WIDGET_EVENTS.visitorTyping, { typing: true })).toMatchObject({
          ok: true,
        });
      } finally {
        visitor.disconnect();
      }
    });
  });
});
