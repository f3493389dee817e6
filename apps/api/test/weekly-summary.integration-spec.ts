import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { JourneyOverviewDto, UserDto } from '@touchpoint/shared';
import type { Queue } from 'bullmq';
import { QUEUES } from '../src/core/queue/queue.constants';
import type { Channel } from '../src/modules/channels/channel.entity';
import { lastDueWeek } from '../src/modules/weekly-summary/summary-week';
import {
  summaryJobId,
  WeeklySummaryService,
} from '../src/modules/weekly-summary/weekly-summary.service';
import { makeChannel } from './helpers/channels';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startSmtpSink, type SmtpSink, type SunkMessage } from './helpers/smtp-sink';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const PUBLIC_URL = 'https://inbox.example.test';
const HOUR = 3_600_000;

interface SummaryRow {
  id: string;
  user_id: string;
  week_start: string;
  status: string;
  reason: string | null;
  message_id: string;
  attempts: number;
}

/**
 * The weekly summary on a small dataset inside the last week that came due (the sweep the worker
 * runs every minute plans that same week, so it can only ever make the same one row per person).
 */
describe('weekly summary email', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let channel: Channel;
  let serviceTeam: string;
  let salesTeam: string;
  let mara: MadeUser;
  let sven: MadeUser;
  let eva: MadeUser;
  let ada: MadeUser;
  let api: Record<'mara' | 'sven' | 'eva' | 'ada', ReturnType<typeof as>>;
  let contactId: string;
  // Teams keep no business hours here: the workspace's time zone is Europe/Berlin.
  const week = lastDueWeek(new Date(), 'Europe/Berlin');
  const now = new Date(week.dueAt.getTime() + 60_000);
  /** Hours after the week's start (Monday 00:00 in Berlin). */
  const at = (hours: number) => new Date(week.startsAt.getTime() + hours * HOUR);

  const summaries = () => t.app.get(WeeklySummaryService);
  const outbound = () => t.app.get<Queue>(getQueueToken(QUEUES.outbound));
  const rowsOf = (userId: string): Promise<SummaryRow[]> =>
    t.db.query(
      `SELECT id, user_id, week_start::text AS week_start, status, reason, message_id, attempts
         FROM weekly_summaries WHERE user_id = $1 ORDER BY week_start`,
      [userId],
    );
  const mailsTo = (user: MadeUser): SunkMessage[] =>
    sink.messages.filter((m) => m.envelope.to.includes(user.email));

  async function conversation(c: {
    created: Date;
    firstResponse?: Date;
    resolved?: Date;
    replies?: number;
    waitingSince?: Date;
    team?: string;
  }): Promise<string> {
    const [{ id }]: { id: string }[] = await t.db.query(
      `INSERT INTO conversations (contact_id, team_id, status, reply_token, last_activity_at,
         channel_kinds, created_at, last_inbound_at, first_response_at, resolved_at, replies_count,
         waiting_since)
       VALUES ($1, $2, $3, $4, $5, ARRAY['email']::varchar[], $5, $5, $6, $7, $8, $9)
       RETURNING id`,
      [
        contactId,
        c.team ?? serviceTeam,
        c.resolved ? 'resolved' : 'open',
        randomBytes(10).toString('hex'),
        c.created,
        c.firstResponse ?? null,
        c.resolved ?? null,
        c.replies ?? 0,
        c.waitingSince ?? null,
      ],
    );
    if (c.resolved)
      await t.db.query(
        `INSERT INTO timeline_events (conversation_id, seq, kind, data, created_at)
         VALUES ($1, 1, 'conversation.status_changed', '{"from":"open","to":"resolved"}', $2)`,
        [id, c.resolved],
      );
    return id;
  }

  async function survey(conversationId: string, requested: Date, rating: number | null) {
    await t.db.query(
      `INSERT INTO csat_surveys (conversation_id, contact_id, status, team_id, resolved_at,
         requested_at, rating, rated_at)
       VALUES ($1, $2, $3, $4, $5, $5, $6, $7)`,
      [
        conversationId,
        contactId,
        rating === null ? 'requested' : 'rated',
        serviceTeam,
        requested,
        rating,
        rating === null ? null : new Date(requested.getTime() + HOUR),
      ],
    );
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ PUBLIC_URL });
    serviceTeam = (await makeTeam(t.db, 'Service')).id;
    salesTeam = (await makeTeam(t.db, 'Sales')).id;
    channel = await makeChannel(t.db, 'email', serviceTeam, {
      address: 'support@touchpoint.test',
      smtp: sink.smtp,
    });
    mara = await makeUser(t.db, { role: 'manager', name: 'Mara <Manager>' });
    sven = await makeUser(t.db, { role: 'supervisor', name: 'Sven' });
    eva = await makeUser(t.db, { role: 'agent', name: 'Eva', teams: [serviceTeam] });
    ada = await makeUser(t.db, { role: 'admin', name: 'Ada' });
    await t.db.query(`UPDATE users SET locale = 'de' WHERE id = $1`, [mara.id]);
    api = {
      mara: as(t.url, (await login(t.url, mara)).accessToken),
      sven: as(t.url, (await login(t.url, sven)).accessToken),
      eva: as(t.url, (await login(t.url, eva)).accessToken),
      ada: as(t.url, (await login(t.url, ada)).accessToken),
    };
    [{ id: contactId }] = await t.db.query(
      `INSERT INTO contacts (name, email) VALUES ('Kim', 'kim@example.test') RETURNING id`,
    );

    // The week: one conversation resolved with one answer, one resolved after Sales was consulted
    // (two answers), one never answered (abandoned: days without an answer); one before the week.
    const oneTouch = await conversation({
      created: at(34),
      firstResponse: at(34.2),
      resolved: at(35),
      replies: 1,
    });
    const handedOff = await conversation({
      created: at(58),
      firstResponse: at(58.5),
      resolved: at(62),
      replies: 2,
    });
    await t.db.query(
      `INSERT INTO handoffs (conversation_id, kind, status, note, from_team_id, team_id,
         requested_by_id, created_at, accepted_at)
       VALUES ($1, 'consult', 'accepted', 'Angebot?', $2, $3, $4, $5, $6)`,
      [handedOff, serviceTeam, salesTeam, eva.id, at(59), at(61)],
    );
    const unanswered = await conversation({ created: at(10), waitingSince: at(10) });
    await conversation({ created: at(-2), firstResponse: at(-1.5), resolved: at(-1), replies: 1 });
    // Satisfaction: two of three surveys sent in the week answered, 5 and 4.
    await survey(oneTouch, at(36), 5);
    await survey(handedOff, at(63), 4);
    await survey(unanswered, at(70), null);

    for (const goal of [
      { name: 'CSAT <4,0> & mehr', kind: 'csat_average', target: 4 },
      { name: 'Eine Antwort', kind: 'one_touch_rate', target: 0.9 },
    ])
      expect((await api.ada.post('/api/goals').send(goal)).status).toBe(201);
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('is switched on and off by supervisors, touchpoint managers and admins for themselves', async () => {
    const on = await api.mara.put('/api/me/weekly-summary').send({ enabled: true });
    expect(on.status).toBe(200);
    expect((on.body as UserDto).weeklySummary).toBe(true);
    expect(((await api.mara.get('/api/me')).body as UserDto).weeklySummary).toBe(true);

    expect((await api.ada.put('/api/me/weekly-summary').send({ enabled: true })).status).toBe(200);
    expect((await api.sven.put('/api/me/weekly-summary').send({ enabled: true })).status).toBe(200);
    const off = await api.sven.put('/api/me/weekly-summary').send({ enabled: false });
    expect((off.body as UserDto).weeklySummary).toBe(false);
  });

  it('refuses agents, and a body without a yes or no naming the field', async () => {
    const agent = await api.eva.put('/api/me/weekly-summary').send({ enabled: true });
    expect(agent.status).toBe(403);
    expect(agent.body.message).toMatch(/supervisor or manager or admin/);

    const bad = await api.mara.put('/api/me/weekly-summary').send({ enabled: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ path: 'enabled', message: 'must be true or false' }]);
    const extra = await api.mara.put('/api/me/weekly-summary').send({ enabled: true, day: 'fri' });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body)).toContain('day');
  });

  it('sends each person who asked one summary of the week with its figures, in their language', async () => {
    // An agent with the flag set behind the API's back still gets none.
    await t.db.query('UPDATE users SET weekly_summary = true WHERE id = $1', [eva.id]);

    await summaries().plan(now);
    await waitFor('both summaries sent', async () => {
      const rows = [...(await rowsOf(mara.id)), ...(await rowsOf(ada.id))];
      return rows.length === 2 && rows.every((r) => r.status === 'sent');
    });
    await drainQueues(t);

    expect(mailsTo(mara)).toHaveLength(1);
    expect(mailsTo(ada)).toHaveLength(1);
    expect(mailsTo(sven)).toHaveLength(0);
    expect(mailsTo(eva)).toHaveLength(0);
    expect(await rowsOf(sven.id)).toEqual([]);
    expect(await rowsOf(eva.id)).toEqual([]);

    const [row] = await rowsOf(mara.id);
    expect(row).toMatchObject({ week_start: week.from, status: 'sent', attempts: 1 });
    const { parsed, envelope } = mailsTo(mara)[0];
    expect(envelope.from).toBe('support@touchpoint.test');
    expect(parsed.messageId).toBe(row.message_id);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(parsed.subject).toMatch(/^Touchpoint: Ihre Woche vom /);

    // The figures, as the journeys count the same week.
    const journeys = (
      await api.mara.get(`/api/journeys?from=${week.from}&to=${week.to}&timeZone=Europe/Berlin`)
    ).body as JourneyOverviewDto;
    expect(journeys.conversations).toBe(3);
    const text = parsed.text ?? '';
    expect(text).toContain('Begonnene Gespräche: 3');
    expect(text).toContain(`- ${journeys.outcomes.one_touch} mit einer Antwort gelöst`);
    expect(journeys.outcomes.one_touch).toBe(1);
    expect(text).toContain(`- ${journeys.outcomes.after_handoffs} nach Übergaben gelöst`);
    expect(text).toContain(`- ${journeys.outcomes.abandoned} ohne Antwort aufgegeben`);
    expect(text).toContain('- 0 wieder geöffnet');
    // The worst moment named by its ends.
    expect(text).toMatch(/1\. (Erste Antwort: E-Mail → Service|Rückfrage: Service → Sales)/);
    // CSAT: (5 + 4) / 2 from 2 of 3 surveys.
    expect(text).toContain('Zufriedenheit: Durchschnitt 4,5 von 5');
    expect(text).toContain('(2 von 3 Umfragen)');
    // Goals: the week's value against the target, met or missed.
    expect(text).toContain('- CSAT <4,0> & mehr: 4,5 (Ziel 4,0), erreicht');
    expect(text).toMatch(/- Eine Antwort: 50\s?% \(Ziel 90\s?%\), verfehlt/);
    expect(text).toContain(`${PUBLIC_URL}/journeys`);
    expect(text).toContain(`${PUBLIC_URL}/goals`);

    // The HTML escapes what people typed.
    const html = String(parsed.html);
    expect(html).toContain('Mara &lt;Manager&gt;');
    expect(html).toContain('CSAT &lt;4,0&gt; &amp; mehr');
    expect(html).not.toContain('<Manager>');
    expect(html).toContain(`href="${PUBLIC_URL}/goals"`);

    // English for an English-speaking admin.
    expect(mailsTo(ada)[0].parsed.subject).toMatch(/^Touchpoint: your week from /);
    expect(mailsTo(ada)[0].parsed.text).toContain('Conversations begun: 3');
  });

  it('runs the same week twice and sends once', async () => {
    const before = sink.messages.length;
    expect(await summaries().plan(now)).toEqual([]);
    await summaries().sweep(now);
    const [row] = await rowsOf(mara.id);
    expect(await summaries().send(row.id)).toBe('stale');
    await drainQueues(t);
    expect(sink.messages.length).toBe(before);
    expect(await rowsOf(mara.id)).toHaveLength(1);
  });

  it('sends a summary whose job Redis lost once the sweep runs', async () => {
    // The week before: written (as the plan does) and its job gone with Redis.
    // Monday evening of the summarised week: the week before is the last one due then.
    const earlier = lastDueWeek(new Date(week.startsAt.getTime() + 19 * HOUR), 'Europe/Berlin');
    const [{ id }]: { id: string }[] = await t.db.query(
      `INSERT INTO weekly_summaries (user_id, week_start, time_zone, message_id)
       VALUES ($1, $2, 'Europe/Berlin', $3) RETURNING id`,
      [mara.id, earlier.from, `<weekly-summary.lost.${earlier.from}@inbox.example.test>`],
    );
    expect(await outbound().getJob(summaryJobId(id))).toBeUndefined();

    await summaries().sweep(now);
    await waitFor('the lost summary sent', async () =>
      (await rowsOf(mara.id)).every((r) => r.status === 'sent'),
    );
    expect((await rowsOf(mara.id)).map((r) => [r.week_start, r.status])).toEqual([
      [earlier.from, 'sent'],
      [week.from, 'sent'],
    ]);
    const mails = mailsTo(mara).filter(
      (m) => m.parsed.messageId === `<weekly-summary.lost.${earlier.from}@inbox.example.test>`,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0].parsed.text).toContain('Begonnene Gespräche: 1');
  });

  it('repeats a send that may have gone out with the same Message-ID', async () => {
    const [, row] = await rowsOf(mara.id);
    // The worker died after the relay took it, before recording it: the row still says unsent.
    await t.db.query(
      `UPDATE weekly_summaries SET status = 'pending', sent_at = NULL WHERE id = $1`,
      [row.id],
    );
    const before = mailsTo(mara).length;
    expect(await summaries().send(row.id)).toBe('sent');
    const ids = mailsTo(mara).map((m) => m.parsed.messageId);
    expect(ids).toHaveLength(before + 1);
    expect(ids.filter((m) => m === row.message_id)).toHaveLength(2);

    // Two workers on the same unsent summary at once: one sends, the other leaves it to it.
    await t.db.query(`UPDATE weekly_summaries SET status = 'pending' WHERE id = $1`, [row.id]);
    const outcomes = await Promise.all([summaries().send(row.id), summaries().send(row.id)]);
    expect(outcomes.sort()).toEqual(['busy', 'sent']);
    expect(mailsTo(mara)).toHaveLength(before + 2);
  });

  it('skips the summaries without an email channel to send through, and says why', async () => {
    await t.db.query('UPDATE channels SET enabled = false WHERE id = $1', [channel.id]);
    const [{ id }]: { id: string }[] = await t.db.query(
      `INSERT INTO weekly_summaries (user_id, week_start, time_zone, message_id)
       VALUES ($1, '2020-01-06', 'Europe/Berlin', '<weekly-summary.none@inbox.example.test>')
       RETURNING id`,
      [ada.id],
    );
    const before = sink.messages.length;
    expect(await summaries().send(id)).toBe('skipped');
    const [row]: SummaryRow[] = await t.db.query(
      'SELECT status, reason FROM weekly_summaries WHERE id = $1',
      [id],
    );
    expect(row).toMatchObject({ status: 'skipped', reason: 'no email channel' });
    expect(sink.messages.length).toBe(before);
  });
});
