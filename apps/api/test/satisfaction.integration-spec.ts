import { randomBytes, randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import {
  WIDGET_ERRORS,
  WIDGET_EVENTS,
  type SatisfactionResultsDto,
  type WidgetAck,
  type WidgetMessageDto,
  type WidgetSurveyUpdate,
} from '@touchpoint/shared';
import type { Queue } from 'bullmq';
import type { Socket } from 'socket.io-client';
import { QUEUES } from '../src/core/queue/queue.constants';
import { RateLimiter } from '../src/core/rate-limit/rate-limiter';
import { Channel } from '../src/modules/channels/channel.entity';
import {
  CSAT_PER_CHANNEL,
  SatisfactionRequestService,
} from '../src/modules/satisfaction/satisfaction-request.service';
import { makeChannel } from './helpers/channels';
import { makeTeam, makeUser } from './helpers/factories';
import { FakeTwilio } from './helpers/fake-twilio';
import { as, login } from './helpers/http';
import { mailToIntake } from './helpers/smtp-intake';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink';
import { connectVisitor, widgetSession } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const PUBLIC_URL = 'https://inbox.example.test';
const SITE = 'https://shop.example.test';
const NUMBER = '+4930123999';
const LINK = /https:\/\/inbox\.example\.test\/csat\/([A-Za-z0-9_-]+)/;

interface Survey {
  id: string;
  status: string;
  skip_reason: string | null;
  due_at: Date | null;
  channel_id: string | null;
  channel_kind: string | null;
  message_id: string | null;
  rating: number | null;
  comment: string | null;
  rated_via: string | null;
  team_id: string | null;
  owner_id: string | null;
}

describe('customer satisfaction surveys', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let fake: FakeTwilio;
  let supervisor: ReturnType<typeof as>;
  let admin: ReturnType<typeof as>;
  let teamId: string;
  let supervisorId: string;
  let emailChannel: Channel;
  let smsChannel: Channel;
  let account: { accountSid: string; authToken: string };
  let lastNumber = 1_712_345_000;

  const requests = () => t.app.get(SatisfactionRequestService);
  const timers = () => t.app.get<Queue>(getQueueToken(QUEUES.timers));

  const surveyOf = async (conversationId: string): Promise<Survey | undefined> =>
    (
      await t.db.query('SELECT * FROM csat_surveys WHERE conversation_id = $1', [conversationId])
    )[0];

  const surveyMessages = async (conversationId: string): Promise<{ id: string; text: string }[]> =>
    t.db.query(
      `SELECT id, text FROM messages WHERE conversation_id = $1 AND metadata->>'system' = 'csat'`,
      [conversationId],
    );

  /** The customer mails in; answers their conversation. */
  async function emailConversation(
    from = `kunde-${randomUUID().slice(0, 8)}@example.de`,
  ): Promise<{ id: string; from: string }> {
    await mailToIntake(t.app, {
      from,
      to: 'support@touchpoint.test',
      subject: 'Lieferung',
      text: 'Wo bleibt mein Paket?',
      messageId: `<${randomUUID()}@example.de>`,
    });
    const id = await waitFor('email conversation', async () => {
      const rows: { id: string }[] = await t.db.query(
        `SELECT c.id FROM conversations c JOIN contact_identities i ON i.contact_id = c.contact_id
          WHERE i.kind = 'email' AND i.address = $1`,
        [from],
      );
      return rows[0]?.id;
    });
    return { id, from };
  }

  /** What Twilio posts for an SMS from `from`. */
  const sms = (from: string, body: string) => {
    const messageSid = `SM${randomBytes(16).toString('hex')}`;
    return {
      MessageSid: messageSid,
      SmsMessageSid: messageSid,
      SmsSid: messageSid,
      SmsStatus: 'received',
      AccountSid: account.accountSid,
      From: from,
      To: NUMBER,
      Body: body,
      NumMedia: '0',
      NumSegments: '1',
      ApiVersion: '2010-04-01',
    };
  };

  async function textIn(
    from: string,
    body: string,
  ): Promise<{ id: string; conversationId: string }> {
    const params = sms(from, body);
    const res = await fake.webhook(
      `${PUBLIC_URL}/webhooks/twilio/${smsChannel.id}`,
      params,
      account.authToken,
    );
    expect(res.status).toBe(200);
    return waitFor(`sms ${params.MessageSid}`, async () => {
      const rows: { id: string; conversationId: string }[] = await t.db.query(
        `SELECT id, conversation_id AS "conversationId" FROM messages
          WHERE channel_id = $1 AND provider_message_id = $2`,
        [smsChannel.id, params.MessageSid],
      );
      return rows[0];
    });
  }

  async function setStatus(conversationId: string, status: 'resolved' | 'open'): Promise<void> {
    const res = await supervisor.patch(`/api/conversations/${conversationId}`).send({ status });
    expect(res.status).toBe(200);
  }

  /** Resolves and waits for the survey's delayed job; then lets its time come and runs it. */
  async function resolveAndRunSurvey(conversationId: string): Promise<string> {
    await setStatus(conversationId, 'resolved');
    const planned = await waitFor('planned survey', async () => {
      const s = await surveyOf(conversationId);
      return s?.status === 'scheduled' && s.due_at ? s : undefined;
    });
    const job = await waitFor('survey job', () =>
      timers().getJob(`${planned.id}.${planned.due_at?.getTime()}`),
    );
    expect(job.delay).toBeGreaterThan(3_000_000);
    return dueNow(planned.id);
  }

  /** The survey's time has come (as if the delay passed): runs what its job would. */
  async function dueNow(surveyId: string): Promise<string> {
    await t.db.query(`UPDATE csat_surveys SET due_at = now() - interval '1 second' WHERE id = $1`, [
      surveyId,
    ]);
    return requests().request(surveyId);
  }

  beforeAll(async () => {
    fake = await new FakeTwilio().start();
    sink = await startSmtpSink();
    t = await startTestApp({ PUBLIC_URL });
    fake.routePublicUrl(PUBLIC_URL, t.url);
    // An hour's delay: long enough that only the test moves a survey's time on.
    await t.db.query('UPDATE csat_settings SET enabled = true, delay_seconds = 3600');
    const team = await makeTeam(t.db, 'Kundenservice');
    teamId = team.id;
    emailChannel = await makeChannel(
      t.db,
      'email',
      teamId,
      { address: 'support@touchpoint.test', smtp: sink.smtp },
      'Support',
    );
    const sup = await makeUser(t.db, { role: 'supervisor', teams: [teamId], name: 'Sabine' });
    supervisorId = sup.id;
    supervisor = as(t.url, (await login(t.url, sup)).accessToken);
    admin = as(t.url, (await login(t.url, await makeUser(t.db, { role: 'admin' }))).accessToken);
    account = fake.addAccount({ friendlyName: 'Kundenservice' });
    fake.addNumber(account.accountSid, NUMBER);
    const created = await admin.post('/api/channels').send({
      kind: 'twilio',
      name: 'SMS',
      teamId,
      config: { ...account, phoneNumber: NUMBER, apiBaseUrl: fake.url },
    });
    expect(created.status).toBe(201);
    smsChannel = await t.db.getRepository(Channel).findOneByOrFail({ id: created.body.id });
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
    await fake?.stop();
  });

  it('asks once by email with a link whose page takes the rating and comment, re-rates within 7 days, then answers 410', async () => {
    const { id, from } = await emailConversation();
    await t.db.query(
      `UPDATE contacts SET language = 'de' WHERE id = (SELECT contact_id FROM conversations WHERE id = $1)`,
      [id],
    );
    expect(await resolveAndRunSurvey(id)).toBe('requested');
    const mail = await waitFor('survey mail', async () =>
      sink.messages.find((m) => m.envelope.to.includes(from)),
    );
    expect(mail.parsed.text).toContain('Wie zufrieden waren Sie mit unserer Hilfe?');
    const token = LINK.exec(mail.parsed.text ?? '')?.[1] ?? '';
    expect(token.length).toBeGreaterThanOrEqual(32);
    const survey = (await surveyOf(id)) as Survey;
    expect(survey).toMatchObject({
      status: 'requested',
      channel_id: emailChannel.id,
      channel_kind: 'email',
      team_id: teamId,
    });

    const page = await fetch(`${t.url}/csat/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="de">');
    expect(html.match(/name="rating" value="[1-5]"/g)).toHaveLength(5);
    expect(html).not.toContain('<script');

    const form = (rating: string, comment: string) =>
      fetch(`${t.url}/csat/${token}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ rating, comment }).toString(),
      });
    const rated = await form('4', 'Schnell und freundlich');
    expect(rated.status).toBe(200);
    expect(await rated.text()).toContain('Vielen Dank für Ihre Bewertung!');
    expect(await surveyOf(id)).toMatchObject({
      status: 'rated',
      rating: 4,
      comment: 'Schnell und freundlich',
      rated_via: 'link',
    });
    expect((await form('5', '')).status).toBe(200);
    expect(await surveyOf(id)).toMatchObject({ rating: 5, comment: null });
    expect((await form('6', '')).status).toBe(400);

    await t.db.query(
      `UPDATE csat_surveys SET requested_at = now() - interval '8 days' WHERE id = $1`,
      [survey.id],
    );
    expect((await form('1', '')).status).toBe(410);
    expect((await fetch(`${t.url}/csat/${token}`)).status).toBe(410);
    expect((await surveyOf(id))?.rating).toBe(5);
    expect((await fetch(`${t.url}/csat/abc`)).status).toBe(404);
    expect((await fetch(`${t.url}/csat/${randomBytes(24).toString('base64url')}`)).status).toBe(
      404,
    );

    // Reopened and resolved again: never a second survey.
    await setStatus(id, 'open');
    await setStatus(id, 'resolved');
    expect(await requests().request(survey.id)).toBe('stale');
    expect(await surveyMessages(id)).toHaveLength(1);
  });

  it('goes in the channel the customer wrote on last, and a digit reply there lands as the rating', async () => {
    const number = `+49${++lastNumber}`;
    const { conversationId } = await textIn(number, 'Mein Paket ist nicht angekommen');
    // The contact also has an email address: the survey still goes by SMS, where they wrote.
    await t.db.query(
      `INSERT INTO contact_identities (contact_id, kind, address)
       SELECT contact_id, 'email', $2 FROM conversations WHERE id = $1`,
      [conversationId, `sms-${randomUUID().slice(0, 8)}@example.de`],
    );
    expect(await resolveAndRunSurvey(conversationId)).toBe('requested');
    const [sent] = await waitFor('survey by SMS', async () => {
      const list = fake.messagesTo(number);
      return list.length ? list : undefined;
    });
    expect(sent.params.Body).toContain('Reply with a number from 1 (not at all) to 5 (very)');
    expect(await surveyOf(conversationId)).toMatchObject({
      status: 'requested',
      channel_kind: 'twilio',
    });

    const reply = await textIn(number, ' 4 ');
    expect(reply.conversationId).toBe(conversationId);
    const rated = await waitFor('rated by reply', async () => {
      const s = await surveyOf(conversationId);
      return s?.status === 'rated' ? s : undefined;
    });
    expect(rated).toMatchObject({ rating: 4, rated_via: 'reply' });
    // The reply is the customer's message in the surveyed conversation, which stays resolved and
    // keeps nobody waiting.
    const [stored] = await t.db.query(
      `SELECT m.type, c.status, c.waiting_since FROM messages m
         JOIN conversations c ON c.id = m.conversation_id
        WHERE m.conversation_id = $1 AND m.text = ' 4 '`,
      [conversationId],
    );
    expect(stored).toEqual({ type: 'inbound', status: 'resolved', waiting_since: null });

    // A new issue opens a conversation; a digit there answers it, not the survey.
    const question = await textIn(number, 'Wie viele Stühle passen auf eine Palette?');
    expect(question.conversationId).not.toBe(conversationId);
    const digit = await textIn(number, '2');
    expect(digit.conversationId).toBe(question.conversationId);
    // Once its listeners have heard of it, the rating is still the survey's own.
    await waitFor('digit announced', async () => {
      const rows: { relayed_at: Date | null }[] = await t.db.query(
        `SELECT relayed_at FROM outbox_events
          WHERE name = 'message.created' AND payload->>'messageId' = $1`,
        [digit.id],
      );
      return rows[0]?.relayed_at;
    });
    expect((await surveyOf(conversationId))?.rating).toBe(4);
  });

  it('asks a chat visitor in the widget, who rates it there (only that visitor, within 7 days), and sees it after a reload', async () => {
    const chat = await makeChannel(t.db, 'webchat', teamId, {
      secret: 'csat-webchat-secret-0123456789',
      allowedOrigins: [SITE],
    });
    const sockets: Socket[] = [];
    const tab = async (sessionToken?: string) => {
      const socket = connectVisitor(t.url, { channelId: chat.id, sessionToken }, SITE);
      sockets.push(socket);
      const received: { event: string; payload: unknown }[] = [];
      socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
      const session = await widgetSession(socket);
      const rate = (payload: unknown): Promise<WidgetAck<WidgetSurveyUpdate>> =>
        socket.timeout(5000).emitWithAck(WIDGET_EVENTS.rate, payload);
      return { socket, session, received, rate };
    };
    try {
      const visitor = await tab();
      const ack = await visitor.socket
        .timeout(5000)
        .emitWithAck(WIDGET_EVENTS.send, { clientMessageId: randomUUID(), text: 'Hallo?' });
      expect(ack).toMatchObject({ ok: true });
      const conversationId = await waitFor('chat conversation', async () => {
        const rows: { conversation_id: string }[] = await t.db.query(
          `SELECT conversation_id FROM messages WHERE channel_id = $1 AND type = 'inbound'`,
          [chat.id],
        );
        return rows[0]?.conversation_id;
      });
      expect(await resolveAndRunSurvey(conversationId)).toBe('requested');
      const prompt = await waitFor('survey in the widget', async () =>
        visitor.received
          .filter((r) => r.event === WIDGET_EVENTS.message)
          .map((r) => r.payload as WidgetMessageDto)
          .find((m) => m.direction === 'out' && m.survey),
      );
      // A rating prompt, open for 7 days; the text keeps the link for a reply that goes by email.
      expect(prompt.survey).toEqual({ rating: null, comment: null, closesAt: expect.any(String) });
      const closesIn = Date.parse(prompt.survey?.closesAt ?? '') - Date.now();
      expect(closesIn).toBeGreaterThan(6.9 * 86_400_000);
      expect(closesIn).toBeLessThanOrEqual(7 * 86_400_000);
      expect(prompt.text).toMatch(LINK);
      const survey = (await surveyOf(conversationId)) as Survey;
      expect(survey.message_id).toBe(prompt.id);

      // Bad input names the field; another visitor of the same chat cannot rate it.
      expect(await visitor.rate({ messageId: prompt.id, rating: 6 })).toEqual({
        ok: false,
        error: 'rating must be at most 5',
      });
      expect(await visitor.rate({ messageId: 'x', rating: 3 })).toMatchObject({
        ok: false,
        error: expect.stringContaining('messageId'),
      });
      const stranger = await tab();
      expect(await stranger.rate({ messageId: prompt.id, rating: 1 })).toEqual({
        ok: false,
        error: WIDGET_ERRORS.surveyUnknown,
      });
      expect(await surveyOf(conversationId)).toMatchObject({ status: 'requested', rating: null });

      // The visitor's second tab sees the rating arrive.
      const second = await tab(visitor.session.sessionToken);
      const rated = await visitor.rate({
        messageId: prompt.id,
        rating: 4,
        comment: ' Schnell geholfen ',
      });
      expect(rated).toEqual({
        ok: true,
        data: {
          messageId: prompt.id,
          survey: { rating: 4, comment: 'Schnell geholfen', closesAt: prompt.survey?.closesAt },
        },
      });
      expect(await surveyOf(conversationId)).toMatchObject({
        status: 'rated',
        rating: 4,
        comment: 'Schnell geholfen',
        rated_via: 'widget',
        channel_kind: 'webchat',
      });
      await waitFor('the rating in the second tab', async () =>
        second.received.find((r) => r.event === WIDGET_EVENTS.survey),
      );
      expect(second.received.find((r) => r.event === WIDGET_EVENTS.survey)?.payload).toEqual(
        rated.ok && rated.data,
      );
      // The same rating again changes nothing; a change within the days replaces it.
      expect(
        await visitor.rate({ messageId: prompt.id, rating: 4, comment: 'Schnell geholfen' }),
      ).toMatchObject({ ok: true });
      expect(await visitor.rate({ messageId: prompt.id, rating: 5 })).toMatchObject({ ok: true });
      expect(await surveyOf(conversationId)).toMatchObject({ rating: 5, comment: null });
      expect(
        await t.db.query('SELECT count(*)::int AS n FROM csat_surveys WHERE conversation_id = $1', [
          conversationId,
        ]),
      ).toEqual([{ n: 1 }]);

      // After a reload the history shows the prompt with its rating.
      const reloaded = await tab(visitor.session.sessionToken);
      expect(reloaded.session.messages.find((m) => m.id === prompt.id)?.survey).toEqual({
        rating: 5,
        comment: null,
        closesAt: prompt.survey?.closesAt,
      });

      // Closed after 7 days, like the link.
      await t.db.query(
        `UPDATE csat_surveys SET requested_at = now() - interval '8 days' WHERE id = $1`,
        [survey.id],
      );
      expect(await visitor.rate({ messageId: prompt.id, rating: 1 })).toEqual({
        ok: false,
        error: WIDGET_ERRORS.surveyClosed,
      });
      expect((await surveyOf(conversationId))?.rating).toBe(5);
    } finally {
      for (const socket of sockets) socket.disconnect();
    }
  });

  it('skips a conversation no customer wrote in (internal only)', async () => {
    const { id: withCustomer } = await emailConversation();
    const [{ contact_id }] = await t.db.query(
      'SELECT contact_id FROM conversations WHERE id = $1',
      [withCustomer],
    );
    const internal = randomUUID();
    await t.db.query(
      `INSERT INTO conversations (id, contact_id, team_id, status, reply_token, last_activity_at,
         channel_kinds, last_seq)
       VALUES ($1, $2, $3, 'open', $4, now(), '{}', 0)`,
      [internal, contact_id, teamId, randomBytes(10).toString('hex')],
    );
    const note = await supervisor
      .post(`/api/conversations/${internal}/messages`)
      .send({ type: 'note', body: 'Rückruf intern besprochen', clientMessageId: randomUUID() });
    expect(note.status).toBe(201);
    expect(await resolveAndRunSurvey(internal)).toBe('skipped');
    expect(await surveyOf(internal)).toMatchObject({
      status: 'skipped',
      skip_reason: 'internal_only',
    });
    expect(await surveyMessages(internal)).toHaveLength(0);
  });

  it('skips a contact who refused service messages on that channel', async () => {
    const { id } = await emailConversation();
    await t.db.query(
      `INSERT INTO contact_consents (contact_id, purpose, channel, granted, source)
       SELECT contact_id, 'service', 'email', false, 'Anruf' FROM conversations WHERE id = $1`,
      [id],
    );
    expect(await resolveAndRunSurvey(id)).toBe('skipped');
    expect(await surveyOf(id)).toMatchObject({ skip_reason: 'service_consent_refused' });
    expect(await surveyMessages(id)).toHaveLength(0);
  });

  it("waits for the end of the contact's quiet hours", async () => {
    const { id } = await emailConversation();
    const now = new Date();
    const hhmm = (d: Date) => d.toISOString().slice(11, 16);
    const end = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 2 * 3600_000);
    await t.db.query(
      `UPDATE contacts SET quiet_hours = $2 WHERE id = (SELECT contact_id FROM conversations WHERE id = $1)`,
      [id, { from: hhmm(new Date(now.getTime() - 3600_000)), to: hhmm(end), timeZone: 'UTC' }],
    );
    expect(await resolveAndRunSurvey(id)).toBe('deferred');
    const survey = (await surveyOf(id)) as Survey;
    expect(survey.status).toBe('scheduled');
    expect(survey.due_at?.getTime()).toBe(end.getTime());
    expect(await surveyMessages(id)).toHaveLength(0);
    await waitFor('deferred job', () => timers().getJob(`${survey.id}.${end.getTime()}`));
  });

  it('is cancelled by a reopen within the delay, and asked after the next resolution', async () => {
    const { id } = await emailConversation();
    await setStatus(id, 'resolved');
    const planned = await waitFor('planned', () => surveyOf(id));
    await setStatus(id, 'open');
    expect(await dueNow(planned.id)).toBe('cancelled');
    expect(await surveyOf(id)).toMatchObject({ status: 'scheduled', due_at: null });
    expect(await surveyMessages(id)).toHaveLength(0);
    // The sweep leaves a cancelled survey alone.
    await requests().sweep();
    expect(await surveyMessages(id)).toHaveLength(0);

    expect(await resolveAndRunSurvey(id)).toBe('requested');
    expect(await surveyMessages(id)).toHaveLength(1);
  });

  it('sweeps: a due survey whose job was lost is sent, a lost job due soon is put back', async () => {
    const { id: due } = await emailConversation();
    const { id: soon } = await emailConversation();
    for (const id of [due, soon]) await setStatus(id, 'resolved');
    const [dueSurvey, soonSurvey] = await Promise.all(
      [due, soon].map((id) => waitFor('planned', () => surveyOf(id))),
    );
    // Redis lost both jobs.
    await waitFor('jobs scheduled', async () =>
      (
        await Promise.all(
          [dueSurvey, soonSurvey].map((s) => timers().getJob(`${s.id}.${s.due_at?.getTime()}`)),
        )
      ).every(Boolean),
    );
    for (const s of [dueSurvey, soonSurvey])
      await (await timers().getJob(`${s.id}.${s.due_at?.getTime()}`))?.remove();
    await t.db.query(`UPDATE csat_surveys SET due_at = now() - interval '1 second' WHERE id = $1`, [
      dueSurvey.id,
    ]);
    await t.db.query(
      `UPDATE csat_surveys SET due_at = now() + interval '5 minutes' WHERE id = $1`,
      [soonSurvey.id],
    );
    const dueAt = ((await surveyOf(soon)) as Survey).due_at!.getTime();

    const swept = await requests().sweep();
    expect(swept.handled).toBeGreaterThanOrEqual(1);
    expect(swept.rescheduled).toBeGreaterThanOrEqual(1);
    expect(await surveyOf(due)).toMatchObject({ status: 'requested' });
    expect(await surveyMessages(due)).toHaveLength(1);
    expect(await timers().getJob(`${soonSurvey.id}.${dueAt}`)).toBeDefined();
  });

  it('asks nobody while an admin has switched surveys off', async () => {
    const { id } = await emailConversation();
    expect(
      (await supervisor.put('/api/satisfaction/settings').send({ enabled: false })).status,
    ).toBe(403);
    expect((await admin.put('/api/satisfaction/settings').send({ enabled: false })).body).toEqual({
      enabled: false,
      delaySeconds: 3600,
    });
    try {
      expect((await admin.get('/api/satisfaction/settings')).body).toEqual({
        enabled: false,
        delaySeconds: 3600,
      });
      await setStatus(id, 'resolved');
      expect(await surveyOf(id)).toBeUndefined();
    } finally {
      await admin.put('/api/satisfaction/settings').send({ enabled: true });
    }
    expect((await admin.get('/api/satisfaction/settings')).body).toEqual({
      enabled: true,
      delaySeconds: 3600,
    });
  });

  it('reports response rate, mean and distribution per team, channel and agent, computed by hand', async () => {
    const other = await makeTeam(t.db, 'Vertrieb');
    const { id: a } = await emailConversation();
    const [{ contact_id }] = await t.db.query(
      'SELECT contact_id FROM conversations WHERE id = $1',
      [a],
    );
    // Five surveys sent on 2021-03-10 (Berlin), one the day after the range.
    const rows: [string, string | null, string, number | null, string][] = [
      [teamId, supervisorId, 'email', 5, '2021-03-10T08:00:00Z'],
      [teamId, supervisorId, 'email', 3, '2021-03-10T09:00:00Z'],
      [teamId, null, 'twilio', null, '2021-03-10T10:00:00Z'],
      [other.id, null, 'twilio', 4, '2021-03-10T22:30:00Z'],
      [other.id, null, 'email', null, '2021-03-10T12:00:00Z'],
      [other.id, null, 'email', 1, '2021-03-10T23:30:00Z'],
    ];
    for (const [team, owner, kind, rating, at] of rows) {
      const conversation = randomUUID();
      await t.db.query(
        `INSERT INTO conversations (id, contact_id, team_id, status, reply_token, last_activity_at,
           channel_kinds, last_seq)
         VALUES ($1, $2, $3, 'resolved', $4, now(), '{}', 0)`,
        [conversation, contact_id, team, randomBytes(10).toString('hex')],
      );
      await t.db.query(
        `INSERT INTO csat_surveys (conversation_id, contact_id, status, team_id, owner_id,
           resolved_at, channel_kind, requested_at, rating, rated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $8::smallint, CASE WHEN $8::smallint IS NULL THEN NULL ELSE $6::timestamptz END)`,
        [conversation, contact_id, rating ? 'rated' : 'requested', team, owner, at, kind, rating],
      );
    }
    const res = await supervisor.get('/api/satisfaction?from=2021-03-10&to=2021-03-10');
    expect(res.status).toBe(200);
    const body = res.body as SatisfactionResultsDto;
    // 23:30 UTC is 00:30 on the 11th in Berlin: five in the range, three rated (5, 3, 4).
    expect(body.totals).toEqual({
      requested: 5,
      rated: 3,
      responseRate: 0.6,
      average: 4,
      distribution: [0, 0, 1, 1, 1],
    });
    expect(body.byTeam).toEqual([
      expect.objectContaining({
        key: teamId,
        name: 'Kundenservice',
        requested: 3,
        rated: 2,
        average: 4,
      }),
      expect.objectContaining({
        key: other.id,
        name: 'Vertrieb',
        requested: 2,
        rated: 1,
        average: 4,
      }),
    ]);
    expect(body.byChannel).toEqual([
      expect.objectContaining({ key: 'email', requested: 3, rated: 2, average: 4 }),
      expect.objectContaining({ key: 'twilio', requested: 2, rated: 1, average: 4 }),
    ]);
    expect(body.byAgent).toEqual([
      expect.objectContaining({ key: null, requested: 3, rated: 1, average: 4 }),
      expect.objectContaining({
        key: supervisorId,
        name: 'Sabine',
        requested: 2,
        rated: 2,
        average: 4,
      }),
    ]);
    const twilioOnly = await supervisor.get(
      `/api/satisfaction?from=2021-03-10&to=2021-03-10&channelKind=twilio&teamId=${teamId}`,
    );
    expect(twilioOnly.body.totals).toMatchObject({ requested: 1, rated: 0, responseRate: 0 });

    const agent = await makeUser(t.db, { teams: [teamId] });
    const refused = await as(t.url, (await login(t.url, agent)).accessToken).get(
      '/api/satisfaction?from=2021-03-10&to=2021-03-10',
    );
    expect(refused.status).toBe(403);
  });

  // Last: it fills the email channel's rate for the minute.
  it('spreads surveys out: over the per-channel rate a survey waits for room', async () => {
    const { id } = await emailConversation();
    const limiter = t.app.get(RateLimiter);
    for (let i = 0; i < CSAT_PER_CHANNEL.count; i++)
      await limiter.hit([
        {
          key: `csat:channel:${emailChannel.id}`,
          limit: CSAT_PER_CHANNEL.count,
          windowMs: CSAT_PER_CHANNEL.windowMs,
        },
      ]);
    const before = Date.now();
    expect(await resolveAndRunSurvey(id)).toBe('deferred');
    const survey = (await surveyOf(id)) as Survey;
    expect(survey.status).toBe('scheduled');
    expect(survey.due_at!.getTime()).toBeGreaterThan(before);
    expect(survey.due_at!.getTime()).toBeLessThanOrEqual(
      before + 2 * CSAT_PER_CHANNEL.windowMs + 5000,
    );
    expect(await surveyMessages(id)).toHaveLength(0);
  });
});
