import type {
  HandoffDto,
  JourneyOverviewDto,
  ReportOverviewDto,
  SatisfactionResultsDto,
} from '@touchpoint/shared';
import request from 'supertest';
import { DEMO_PASSWORD } from '../src/database/seeds/demo-workspace';
import { DEMO_CONTENT } from '../src/modules/demo/demo-content';
import { drainQueues } from './helpers/drain-queues';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';
import { createFileDatabase } from './helpers/test-database';
import { waitFor } from './helpers/wait';

interface DemoConversation {
  id: string;
  contact: string;
  team: string;
  owner: string | null;
  channelKinds: string[];
}

/** The live sample conversations (the history behind them is all resolved). */
const conversationsOf = (t: TestApp): Promise<DemoConversation[]> =>
  t.db.query(
    `SELECT c.id, k.name AS contact, t.name AS team, u.email AS owner, c.channel_kinds AS "channelKinds"
       FROM conversations c JOIN contacts k ON k.id = c.contact_id
       LEFT JOIN teams t ON t.id = c.team_id LEFT JOIN users u ON u.id = c.owner_id
      WHERE c.status <> 'resolved'
      ORDER BY k.name`,
  );

/** Rows that a second start must leave alone. */
const counts = async (t: TestApp) =>
  (
    await t.db.query(
      `SELECT (SELECT count(*)::int FROM channels) AS channels,
              (SELECT count(*)::int FROM conversations) AS conversations,
              (SELECT count(*)::int FROM messages) AS messages,
              (SELECT count(*)::int FROM handoffs) AS handoffs,
              (SELECT count(*)::int FROM inbound_events) AS "inboundEvents",
              (SELECT count(*)::int FROM users) AS users`,
    )
  )[0] as Record<string, number>;

describe('demo workspace: channels, /demo and sample conversations', () => {
  let databaseUrl: string;
  let t: TestApp;

  beforeAll(async () => {
    databaseUrl = await createFileDatabase({ empty: true });
    t = await startTestApp({ SEED_DEMO: 'true' }, databaseUrl);
  }, 60_000);

  afterAll(() => t?.close());

  it('seeds a website chat, an email and a form channel, one per team', async () => {
    const channels: { kind: string; name: string; team: string; inboxAddress: string | null }[] =
      await t.db.query(
        `SELECT c.kind, c.name, t.name AS team, c.inbox_address AS "inboxAddress"
           FROM channels c JOIN teams t ON t.id = c.team_id ORDER BY c.kind`,
      );
    expect(channels).toEqual([
      {
        kind: 'email',
        name: 'Service mailbox',
        team: 'Service',
        inboxAddress: 'service@example.com',
      },
      {
        kind: 'form',
        name: 'Angebotsanfrage',
        team: 'Sales',
        inboxAddress: 'vertrieb@example.com',
      },
      { kind: 'webchat', name: 'Website', team: 'Marketing', inboxAddress: null },
    ]);
    const [{ config }] = await t.db.query(`SELECT config FROM channels WHERE kind = 'webchat'`);
    expect(config.allowedOrigins).toEqual(
      expect.arrayContaining([t.config.http.publicUrl, 'http://127.0.0.1:0']),
    );
    expect(config.secret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves the demo company page with the widget of the website chat and the contact form', async () => {
    const [{ id: webchatId }] = await t.db.query(`SELECT id FROM channels WHERE kind = 'webchat'`);
    const [{ id: formId }] = await t.db.query(`SELECT id FROM channels WHERE kind = 'form'`);
    const res = await request(t.url).get('/demo');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Beispiel GmbH');
    expect(res.text).toContain(
      `<script src="/widget.js" data-channel="${webchatId}" data-lang="de" async></script>`,
    );
    expect(res.text).toContain(`src="/forms/${formId}/embed?lang=de"`);
    const form = await request(t.url).get(`/forms/${formId}/embed?lang=de`);
    expect(form.status).toBe(200);
  });

  it('starts with 90 days of resolved conversations that reports add up', async () => {
    const [history]: { n: number; days: number; breaches: number }[] = await t.db.query(
      `SELECT count(*)::int AS n,
              count(DISTINCT (created_at AT TIME ZONE 'Europe/Berlin')::date)::int AS days,
              (SELECT count(*)::int FROM timeline_events WHERE kind = 'sla.breached') AS breaches
         FROM conversations WHERE status = 'resolved'`,
    );
    expect(history.n).toBeGreaterThan(1500);
    expect(history.days).toBeGreaterThanOrEqual(89);
    expect(history.breaches).toBeGreaterThan(0);
    const sven = as(
      t.url,
      (await login(t.url, { email: 'supervisor@example.com', password: DEMO_PASSWORD }))
        .accessToken,
    );
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10);
    const res = await sven.get(`/api/reports/overview?from=${from}&to=${today}`);
    expect(res.status).toBe(200);
    const report = res.body as ReportOverviewDto;
    expect(report.totals.conversations).toBeGreaterThan(1000);
    expect(report.totals.oneTouch).toBeGreaterThan(0);
    expect(report.totals.bounced).toBeGreaterThan(0);
    expect(report.totals.switchedChannel).toBeGreaterThan(0);
    expect(report.firstResponse.medianSeconds).toBeGreaterThan(0);
    expect(report.consults.map((c) => `${c.fromTeam?.name}>${c.toTeam?.name}`)).toEqual(
      expect.arrayContaining(['Sales>Service', 'Service>Sales']),
    );
    expect(report.teamMoves).toEqual([
      expect.objectContaining({ fromTeam: expect.objectContaining({ name: 'Marketing' }) }),
    ]);
    // Jonas, who writes in the live demo, has been a customer before; so has Kim, by email, whose
    // chat comes in anonymously (the contact an agent links and merges).
    for (const email of [DEMO_CONTENT.jonas.from.address, DEMO_CONTENT.kim.pastEmail]) {
      const [{ past }]: { past: number }[] = await t.db.query(
        `SELECT count(*)::int AS past FROM conversations c JOIN contacts k ON k.id = c.contact_id
          WHERE k.email = $1 AND c.status = 'resolved'`,
        [email],
      );
      expect([email, past > 0]).toEqual([email, true]);
    }
  });

  it('gives the touchpoint manager a picture of the last 30 days: journeys, consults both ways, ratings', async () => {
    const login$ = await login(t.url, { email: 'maria@example.com', password: DEMO_PASSWORD });
    expect(login$.user).toEqual(expect.objectContaining({ name: 'Maria Meyer', role: 'manager' }));
    const maria = as(t.url, login$.accessToken);
    const day = (back: number) =>
      new Date(Date.now() - back * 86_400_000).toISOString().slice(0, 10);
    const range = `from=${day(29)}&to=${day(0)}&timeZone=Europe/Berlin`;

    const journeys = await maria.get(`/api/journeys?${range}`);
    expect(journeys.status).toBe(200);
    const overview = journeys.body as JourneyOverviewDto;
    expect(overview.conversations).toBeGreaterThan(400);
    expect(overview.outcomes).toEqual(
      expect.objectContaining({
        one_touch: expect.any(Number),
        after_handoffs: expect.any(Number),
        resolved: expect.any(Number),
        abandoned: expect.any(Number),
        reopened: expect.any(Number),
      }),
    );
    expect(overview.outcomes.one_touch).toBeGreaterThan(50);
    expect(overview.outcomes.after_handoffs).toBeGreaterThan(5);
    expect(overview.outcomes.abandoned).toBeGreaterThanOrEqual(10);
    expect(overview.outcomes.reopened).toBeGreaterThanOrEqual(10);
    const entries = overview.nodes.filter((n) => n.type === 'entry').map((n) => n.channelKind);
    expect(entries).toEqual(expect.arrayContaining(['email', 'form', 'webchat']));
    expect(overview.csat.rated).toBeGreaterThan(50);
    // The journeys pull Sales into Service's conversations and Service into Sales', with the wait
    // until each accepted.
    const pulled = overview.moments.filter((m) => m.kind === 'consult' && m.answered > 0);
    expect(pulled.length).toBeGreaterThanOrEqual(2);
    expect(pulled.every((m) => (m.medianSeconds ?? 0) > 0)).toBe(true);
    const teamsOf = (nodes: string[]) => nodes.filter((n) => n.startsWith('team:')).length;
    expect(overview.paths.filter((p) => teamsOf(p.nodes) >= 2).length).toBeGreaterThanOrEqual(2);

    // Consults both ways, accepted after a wait.
    const consults: { pair: string; n: number; accepted: number }[] = await t.db.query(
      `SELECT f.name || '>' || t2.name AS pair, count(*)::int AS n,
              count(*) FILTER (WHERE h.accepted_at > h.created_at)::int AS accepted
         FROM handoffs h JOIN teams f ON f.id = h.from_team_id JOIN teams t2 ON t2.id = h.team_id
        WHERE h.kind = 'consult' AND h.created_at > now() - interval '30 days'
        GROUP BY 1 ORDER BY 1`,
    );
    for (const pair of ['Sales>Service', 'Service>Sales']) {
      const found = consults.find((c) => c.pair === pair);
      expect([pair, (found?.accepted ?? 0) > 0]).toEqual([pair, true]);
    }

    // Surveys as the app asks them: rated and unrated, over teams, channels and agents.
    const satisfaction = await maria.get(`/api/satisfaction?${range}`);
    expect(satisfaction.status).toBe(200);
    const results = satisfaction.body as SatisfactionResultsDto;
    expect(results.totals.requested).toBeGreaterThan(300);
    expect(results.totals.rated).toBeGreaterThan(80);
    expect(results.totals.rated).toBeLessThan(results.totals.requested * 0.7);
    expect(results.totals.distribution.filter((n) => n > 0).length).toBeGreaterThanOrEqual(4);
    expect(
      results.byTeam
        .filter((g) => g.rated > 0)
        .map((g) => g.name)
        .sort(),
    ).toEqual(['Marketing', 'Sales', 'Service']);
    expect(
      results.byChannel
        .filter((g) => g.rated > 0)
        .map((g) => g.key)
        .sort(),
    ).toEqual(['email', 'form', 'webchat']);
    expect(results.byAgent.filter((g) => g.key && g.rated > 0).length).toBeGreaterThanOrEqual(5);
    const averages = results.byAgent.flatMap((g) => (g.key && g.average ? [g.average] : []));
    expect(Math.max(...averages) - Math.min(...averages)).toBeGreaterThan(0.3);
    const [figures]: { comments: number; via: string[]; messages: number; surveys: number }[] =
      await t.db.query(
        `SELECT count(*) FILTER (WHERE s.comment IS NOT NULL)::int AS comments,
                array_agg(DISTINCT s.rated_via ORDER BY s.rated_via)
                  FILTER (WHERE s.rated_via IS NOT NULL) AS via,
                count(m.id)::int AS messages, count(*)::int AS surveys
           FROM csat_surveys s
           LEFT JOIN messages m ON m.id = s.message_id AND m.metadata->>'system' = 'csat'
                                AND m.conversation_id = s.conversation_id`,
      );
    expect(figures.comments).toBeGreaterThan(20);
    expect(figures.via).toEqual(['link', 'widget']);
    expect(figures.messages).toBe(figures.surveys);
    // Every conversation's messages and events keep one sequence.
    expect(
      await t.db.query(
        `SELECT count(*)::int AS n FROM conversations c
          WHERE c.last_seq <> (SELECT count(*) FROM messages WHERE conversation_id = c.id)
                            + (SELECT count(*) FROM timeline_events WHERE conversation_id = c.id)
            AND c.status = 'resolved'`,
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('adds three sample conversations through the pipeline', async () => {
    const conversations = await waitFor(
      'the three demo conversations and both consults',
      async () => {
        const rows = await conversationsOf(t);
        const [{ n }] = await t.db.query(
          `SELECT count(*)::int AS n FROM handoffs WHERE status = 'requested'`,
        );
        return rows.length === 3 && n === 2 && rows;
      },
      30_000,
    );
    expect(conversations).toEqual([
      expect.objectContaining({
        contact: 'Jonas Becker',
        team: 'Service',
        owner: null,
        channelKinds: ['email'],
      }),
      expect.objectContaining({
        contact: 'Kim Kunde',
        team: 'Marketing',
        owner: 'eva@example.com',
        channelKinds: ['webchat'],
      }),
      expect.objectContaining({
        contact: 'Lea Hoffmann',
        team: 'Sales',
        owner: null,
        channelKinds: ['form'],
      }),
    ]);
    const kim = conversations[1];

    // Kim's message, then Eva's reply to her, delivered to the (offline) visitor without error.
    const messages: { type: string; text: string; author: string | null; status: string | null }[] =
      await waitFor('Eva’s reply to be sent', async () => {
        const rows: { type: string; text: string; author: string | null; status: string | null }[] =
          await t.db.query(
            `SELECT m.type, m.text, u.email AS author, m.delivery_status AS status
               FROM messages m LEFT JOIN users u ON u.id = m.author_user_id
              WHERE m.conversation_id = $1 ORDER BY m.seq`,
            [kim.id],
          );
        return rows.at(-1)?.status === 'sent' && rows;
      });
    expect(messages).toEqual([
      { type: 'inbound', text: DEMO_CONTENT.kim.text, author: null, status: null },
      {
        type: 'outbound',
        text: DEMO_CONTENT.kim.reply.text,
        author: 'eva@example.com',
        status: 'sent',
      },
    ]);

    // Both consults wait in the Service and Sales handoff queues, as Anna and Clara see them.
    const anna = as(
      t.url,
      (await login(t.url, { email: 'anna@example.com', password: DEMO_PASSWORD })).accessToken,
    );
    const clara = as(
      t.url,
      (await login(t.url, { email: 'clara@example.com', password: DEMO_PASSWORD })).accessToken,
    );
    for (const [agent, team] of [
      [anna, 'Service'],
      [clara, 'Sales'],
    ] as const) {
      const res = await agent.get('/api/handoffs?view=queue');
      expect(res.status).toBe(200);
      const queue = res.body as HandoffDto[];
      expect(queue).toEqual([
        expect.objectContaining({
          conversationId: kim.id,
          kind: 'consult',
          status: 'requested',
          team: expect.objectContaining({ name: team }),
          requestedBy: expect.objectContaining({ name: 'Eva Wagner' }),
          conversation: expect.objectContaining({ contactName: 'Kim Kunde' }),
        }),
      ]);
    }

    // Jonas and Lea wait unassigned in their teams' conversation queues.
    const unassigned = await anna.get('/api/conversations?view=unassigned');
    expect(unassigned.status).toBe(200);
    expect(JSON.stringify(unassigned.body)).toContain(conversations[0].id);
    expect(JSON.stringify(unassigned.body)).not.toContain(conversations[2].id);
  });

  it('adds nothing when the server starts again on the same database', async () => {
    const before = await counts(t);
    await t.close();
    t = await startTestApp({ SEED_DEMO: 'true' }, databaseUrl);
    // The sample conversations follow only a fresh seed; whatever this start set off is done.
    expect(t.database.outcome).toBe('existing');
    await drainQueues(t);
    expect(await counts(t)).toEqual(before);
    expect(before).toEqual(expect.objectContaining({ channels: 3 }));
    // Still the three live samples (with their two open consults) on top of the history.
    expect(await conversationsOf(t)).toHaveLength(3);
    expect(
      await t.db.query(`SELECT count(*)::int AS n FROM handoffs WHERE status = 'requested'`),
    ).toEqual([{ n: 2 }]);
    expect((await request(t.url).get('/demo')).status).toBe(200);
  });
});

describe('without the demo (SEED_DEMO=false)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('has no demo page and no sample content', async () => {
    const res = await request(t.url).get('/demo');
    expect(res.status).toBe(404);
    expect(res.body).toEqual(expect.objectContaining({ code: 'demo.not_found' }));
    expect(await t.db.query('SELECT count(*)::int AS n FROM conversations')).toEqual([{ n: 0 }]);
  });
});
