import { randomBytes, randomUUID } from 'node:crypto';
import type { JourneyConversationsDto, JourneyOverviewDto } from '@touchpoint/shared';
import { ConversationJourneyFigures1765003200000 } from '../src/database/migrations/1765003200000-ConversationJourneyFigures';
import { keepJourneys } from '../src/modules/conversations/conversation-writer';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';

type Api = ReturnType<typeof as>;
type TeamName = 'service' | 'sales' | 'billing';

const HOUR = 3600;
const DAY = 86_400;

interface Made {
  contact: string;
  kind: string;
  team: TeamName;
  /** Seconds after the base moment (ten days ago, 08:00 UTC). */
  at: number;
  firstResponse?: number;
  resolved?: number;
  replies?: number;
  waitingSince?: number;
  reopened?: number;
  lead?: boolean;
  mergedInto?: string;
}

/**
 * Journeys on a dataset whose answers are worked out by hand below. The outcomes depend on the
 * moment asked (abandoned: 3 days without an answer), so the data lies in the last 20 days.
 */
describe('journeys', () => {
  let t: TestApp;
  let teams: Record<TeamName, string>;
  let users: Record<'eva' | 'sven' | 'ada', MadeUser>;
  let eva: Api;
  let sven: Api;
  let ada: Api;
  const contacts: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const base = new Date();
  base.setUTCDate(base.getUTCDate() - 10);
  base.setUTCHours(8, 0, 0, 0);
  const at = (s: number) => new Date(base.getTime() + s * 1000);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const RANGE = `from=${day(new Date(Date.now() - 20 * DAY * 1000))}&to=${day(new Date())}&timeZone=UTC`;

  async function conversation(name: string, c: Made): Promise<string> {
    const id = randomUUID();
    const opt = (s?: number) => (s === undefined ? null : at(c.at + s));
    await t.db.query(
      `INSERT INTO conversations (id, contact_id, team_id, status, reply_token, last_activity_at,
         channel_kinds, created_at, last_inbound_at, first_response_at, resolved_at, replies_count,
         waiting_since, reopened_at, lead_at, merged_into_id)
       VALUES ($1, $2, $3, $4, $5, $6, ARRAY[$7]::varchar[], $6, $6, $8, $9, $10, $11, $12, $13, $14)`,
      [
        id,
        contacts[c.contact],
        teams[c.team],
        c.resolved === undefined ? 'open' : 'resolved',
        randomBytes(10).toString('hex'),
        at(c.at),
        c.kind,
        opt(c.firstResponse),
        opt(c.resolved),
        c.replies ?? 0,
        opt(c.waitingSince),
        opt(c.reopened),
        c.lead ? at(c.at) : null,
        c.mergedInto ?? null,
      ],
    );
    ids[name] = id;
    return id;
  }

  /** A consult or transfer asked `after` seconds into the conversation, accepted `accept` later. */
  async function handoff(
    name: string,
    kind: 'consult' | 'transfer',
    from: TeamName,
    to: TeamName,
    after: number,
    accept?: number,
  ) {
    const [{ created_at: begun }] = await t.db.query(
      'SELECT created_at FROM conversations WHERE id = $1',
      [ids[name]],
    );
    const asked = new Date(begun.getTime() + after * 1000);
    await t.db.query(
      `INSERT INTO handoffs (conversation_id, kind, status, note, from_team_id, team_id,
         requested_by_id, created_at, accepted_at)
       VALUES ($1, $2, $3, 'Bitte übernehmen', $4, $5, $6, $7, $8)`,
      [
        ids[name],
        kind,
        accept === undefined ? 'requested' : 'accepted',
        teams[from],
        teams[to],
        users.eva.id,
        asked,
        accept === undefined ? null : new Date(asked.getTime() + accept * 1000),
      ],
    );
  }

  /** Status changes on the timeline, seconds after the base moment. */
  async function resolvedAt(name: string, ...times: number[]) {
    for (const [i, s] of times.entries())
      await t.db.query(
        `INSERT INTO timeline_events (conversation_id, seq, kind, data, created_at)
         VALUES ($1, $2, 'conversation.status_changed', '{"from":"open","to":"resolved"}', $3)`,
        [ids[name], i + 1, at(s)],
      );
  }

  beforeAll(async () => {
    t = await startTestApp();
    teams = {
      service: (await makeTeam(t.db, 'Service')).id,
      sales: (await makeTeam(t.db, 'Sales')).id,
      billing: (await makeTeam(t.db, 'Billing')).id,
    };
    users = {
      eva: await makeUser(t.db, { teams: [teams.service], name: 'Eva' }),
      sven: await makeUser(t.db, { role: 'supervisor', name: 'Sven' }),
      ada: await makeUser(t.db, { role: 'admin', name: 'Ada' }),
    };
    [eva, sven, ada] = await Promise.all(
      [users.eva, users.sven, users.ada].map(async (u) =>
        as(t.url, (await login(t.url, u)).accessToken),
      ),
    );
    for (const name of ['anna', 'ben', 'cleo', 'dora', 'emil', 'finn', 'gina', 'hana'])
      [{ id: contacts[name] }] = await t.db.query(
        `INSERT INTO contacts (name, email) VALUES ($1, $2) RETURNING id`,
        [name, `${name}-${randomUUID().slice(0, 8)}@example.test`],
      );

    // Anna's first conversation: resolved after 2 h, reopened 8 days later (too late to count as
    // reopened), resolved again; two answers: plainly resolved.
    await conversation('late', {
      contact: 'anna',
      kind: 'email',
      team: 'sales',
      at: -9 * DAY,
      firstResponse: 1800,
      reopened: 8 * DAY + 2 * HOUR,
      resolved: 8 * DAY + 5 * HOUR,
      replies: 2,
    });
    await resolvedAt('late', -9 * DAY + 2 * HOUR, -DAY + 5 * HOUR);
    // One touch: answered after 10 min, resolved after an hour.
    await conversation('one', {
      contact: 'anna',
      kind: 'email',
      team: 'service',
      at: 0,
      firstResponse: 600,
      resolved: HOUR,
      replies: 1,
    });
    // Merged into the one above: left out everywhere.
    await conversation('merged', {
      contact: 'anna',
      kind: 'webchat',
      team: 'billing',
      at: 60,
      resolved: HOUR,
      replies: 1,
      mergedInto: ids.one,
    });
    // Reopened a day after it was resolved, resolved again a day later.
    await conversation('reopened', {
      contact: 'dora',
      kind: 'email',
      team: 'sales',
      at: 1800,
      firstResponse: 900,
      reopened: DAY,
      resolved: 2 * DAY,
      replies: 2,
    });
    await resolvedAt('reopened', 1800 + 4 * HOUR);
    // A lead from the form: Service consults Sales, which accepts after 2 h.
    await conversation('lead', {
      contact: 'ben',
      kind: 'form',
      team: 'service',
      at: HOUR,
      firstResponse: 1200,
      resolved: DAY,
      replies: 3,
      lead: true,
    });
    await handoff('lead', 'consult', 'service', 'sales', 1800, 2 * HOUR);
    // Answered once, then the customer wrote again and has waited since (ten days): abandoned.
    await conversation('abandoned', {
      contact: 'ben',
      kind: 'email',
      team: 'service',
      at: 2 * HOUR,
      firstResponse: 300,
      waitingSince: 3 * HOUR,
      replies: 1,
    });
    // A website chat nobody answered.
    await conversation('chat', { contact: 'cleo', kind: 'webchat', team: 'service', at: 3 * HOUR });
    // Two consults to Sales (accepted after 30 min and 1 min) and one to Billing, never accepted.
    await conversation('multi', {
      contact: 'emil',
      kind: 'whatsapp',
      team: 'service',
      at: 5 * HOUR,
      firstResponse: 60,
      replies: 2,
    });
    await handoff('multi', 'consult', 'service', 'sales', 600, 1800);
    await handoff('multi', 'consult', 'service', 'billing', 3000);
    await handoff('multi', 'consult', 'service', 'sales', 6000, 60);
    // Entered Service's queue, transferred to Sales (accepted after 2 min), resolved after 2 h.
    await conversation('moved', {
      contact: 'finn',
      kind: 'email',
      team: 'sales',
      at: 6 * HOUR,
      firstResponse: 900,
      resolved: 2 * HOUR,
      replies: 2,
    });
    await t.db.query(
      `INSERT INTO team_moves (conversation_id, from_team_id, to_team_id, moved_at)
       VALUES ($1, $2, $3, $4)`,
      [ids.moved, teams.service, teams.sales, at(6 * HOUR + 1200)],
    );
    await handoff('moved', 'transfer', 'service', 'sales', 1200, 120);
    // Another one-touch resolution.
    await conversation('one2', {
      contact: 'hana',
      kind: 'email',
      team: 'service',
      at: 7 * HOUR,
      firstResponse: 1200,
      resolved: 2400,
      replies: 1,
    });
    // Begun an hour ago, not answered yet: open, not abandoned.
    const ago = (Date.now() - base.getTime()) / 1000 - HOUR;
    await conversation('fresh', { contact: 'gina', kind: 'email', team: 'sales', at: ago });
    // Ratings: both one-touch answers 5 and 4, the lead 2; the reopened one was asked, never rated.
    for (const [name, rating] of [
      ['one', 5],
      ['one2', 4],
      ['lead', 2],
      ['reopened', null],
    ] as const)
      await t.db.query(
        `INSERT INTO csat_surveys (conversation_id, contact_id, status, resolved_at, requested_at,
           rating, rated_at)
         SELECT id, contact_id, $2, now(), now(), $3::smallint, CASE WHEN $3 IS NULL THEN NULL ELSE now() END
           FROM conversations WHERE id = $1`,
        [ids[name], rating === null ? 'requested' : 'rated', rating],
      );
    // The rows above were written by hand: their journey figures are kept as the writer keeps them.
    await keepJourneys(t.db.manager, Object.values(ids));
  });

  afterAll(() => t.close());

  const journeys = async (query: string) => {
    const res = await sven.get(`/api/journeys?${query}`);
    expect(res.status).toBe(200);
    return res.body as JourneyOverviewDto;
  };
  const drill = async (query: string) => {
    const res = await sven.get(`/api/journeys/conversations?${query}`);
    expect(res.status).toBe(200);
    return res.body as JourneyConversationsDto;
  };
  const team = (name: TeamName) => `team:${teams[name]}`;
  const path = (...nodes: string[]) => `path:${nodes.join('>')}`;

  it('follows each conversation from its entry through the teams pulled in to its outcome', async () => {
    const j = await journeys(RANGE);
    expect(j.conversations).toBe(10);
    expect(j.outcomes).toEqual({
      one_touch: 2,
      after_handoffs: 2,
      resolved: 1,
      abandoned: 2,
      reopened: 1,
      open: 2,
    });
    const paths = j.paths.map((p) => [p.key, p.count]);
    expect(paths).toHaveLength(9);
    expect(paths).toEqual(
      expect.arrayContaining([
        [path('entry:email', team('service'), 'outcome:one_touch'), 2],
        [path('entry:email', team('sales'), 'outcome:resolved'), 1],
        [path('entry:email', team('sales'), 'outcome:reopened'), 1],
        [path('entry:form', team('service'), team('sales'), 'outcome:after_handoffs'), 1],
        [path('entry:email', team('service'), 'outcome:abandoned'), 1],
        [path('entry:webchat', team('service'), 'outcome:abandoned'), 1],
        // Sales once although asked twice, in the order first asked.
        [
          path('entry:whatsapp', team('service'), team('sales'), team('billing'), 'outcome:open'),
          1,
        ],
        // Entered Service's queue, though it belongs to Sales now.
        [path('entry:email', team('service'), team('sales'), 'outcome:after_handoffs'), 1],
        [path('entry:email', team('sales'), 'outcome:open'), 1],
      ]),
    );
    expect(j.paths[0]).toMatchObject({
      key: path('entry:email', team('service'), 'outcome:one_touch'),
      outcome: 'one_touch',
      conversationIds: [ids.one, ids.one2],
      csat: { rated: 2, average: 4.5 },
    });
    expect(j.nodes).toContainEqual({
      key: team('billing'),
      type: 'team',
      team: { id: teams.billing, name: 'Billing' },
      csat: { rated: 0, average: null },
    });
    expect(j.nodes).toContainEqual({
      key: 'entry:form',
      type: 'entry',
      channelKind: 'form',
      csat: { rated: 1, average: 2 },
    });
    // Service: both one-touch answers and the lead it consulted Sales on; unrated surveys not counted.
    expect(j.nodes.find((n) => n.key === team('service'))?.csat).toEqual({
      rated: 3,
      average: 3.67,
    });
    expect(j.csat).toEqual({ rated: 3, average: 3.67 });

    const edge = (from: string, to: string) => j.edges.find((e) => e.from === from && e.to === to);
    // First answers of email entries to Service: 300, 600, 900 (moved), 1200.
    expect(edge('entry:email', team('service'))).toMatchObject({
      count: 4,
      measured: 4,
      medianSeconds: 750,
    });
    // Accepted after 7200 (lead), 1800 (multi, its first Sales consult), 120 (moved).
    expect(edge(team('service'), team('sales'))).toMatchObject({
      count: 3,
      measured: 3,
      medianSeconds: 1800,
      p90Seconds: 6120,
    });
    expect(edge(team('sales'), team('billing'))).toMatchObject({
      count: 1,
      measured: 0,
      medianSeconds: null,
    });
    // Resolved a day (lead) and two hours (moved) after it began.
    expect(edge(team('sales'), 'outcome:after_handoffs')).toMatchObject({
      count: 2,
      medianSeconds: (DAY + 2 * HOUR) / 2,
    });
    expect(edge(team('service'), 'outcome:abandoned')).toMatchObject({ count: 2, measured: 0 });
  });

  it('ranks the moments that matter, worst first', async () => {
    const j = await journeys(RANGE);
    expect(
      j.moments.map((m) => [m.key, m.count, m.answered, m.medianSeconds, m.unansweredShare]),
    ).toEqual([
      [`consult:${teams.service}:${teams.billing}`, 1, 0, null, 1],
      [`edge:entry:webchat>${team('service')}`, 1, 0, null, 1],
      [`consult:${teams.service}:${teams.sales}`, 3, 3, 1800, 0],
      [`edge:entry:email>${team('sales')}`, 3, 2, 1350, 0.333],
      [`edge:entry:form>${team('service')}`, 1, 1, 1200, 0],
      [`edge:entry:email>${team('service')}`, 4, 4, 750, 0],
      [`transfer:${teams.service}:${teams.sales}`, 1, 1, 120, 0],
      [`edge:entry:whatsapp>${team('service')}`, 1, 1, 60, 0],
    ]);
    expect(j.moments[2]).toMatchObject({ kind: 'consult', p90Seconds: 6120 });
  });

  it('filters by a team taking part, the entry channel and the contact segment', async () => {
    const ofTeam = await journeys(`${RANGE}&teamId=${teams.billing}`);
    expect(ofTeam.paths.map((p) => p.conversationIds)).toEqual([[ids.multi]]);
    const sales = await journeys(`${RANGE}&teamId=${teams.sales}`);
    expect(sales.conversations).toBe(6);
    const chat = await journeys(`${RANGE}&channelKind=webchat`);
    expect(chat.outcomes.abandoned).toBe(1);
    expect(chat.paths.map((p) => p.conversationIds)).toEqual([[ids.chat]]);
    const returning = await journeys(`${RANGE}&segment=returning`);
    expect(returning.paths.flatMap((p) => p.conversationIds).sort()).toEqual(
      [ids.one, ids.abandoned].sort(),
    );
    expect((await journeys(`${RANGE}&segment=new`)).conversations).toBe(8);
    const leads = await journeys(`${RANGE}&segment=lead`);
    expect(leads.paths.flatMap((p) => p.conversationIds)).toEqual([ids.lead]);
  });

  it('lists the conversations behind each number, paged', async () => {
    const key = (k: string) => `${RANGE}&key=${encodeURIComponent(k)}`;
    const consults = await drill(key(`consult:${teams.service}:${teams.sales}`));
    expect(consults).toMatchObject({ ids: [ids.lead, ids.multi], nextOffset: null });
    // What the list shows of each, in the same order.
    expect(consults.conversations).toEqual([
      {
        id: ids.lead,
        subject: null,
        contactName: 'ben',
        status: 'resolved',
        entryKind: 'form',
        team: { id: teams.service, name: 'Service' },
        createdAt: at(HOUR).toISOString(),
      },
      expect.objectContaining({ id: ids.multi, entryKind: 'whatsapp' }),
    ]);
    expect((await drill(key(`edge:${team('service')}>${team('sales')}`))).ids).toEqual([
      ids.lead,
      ids.multi,
      ids.moved,
    ]);
    expect(await drill(`${key('outcome:one_touch')}&limit=1`)).toMatchObject({
      ids: [ids.one],
      nextOffset: 1,
    });
    expect(await drill(`${key('outcome:one_touch')}&limit=1&offset=1`)).toMatchObject({
      ids: [ids.one2],
      nextOffset: null,
    });
    // By stage: Service → Sales as the second step of the path (after the entry), wherever it began.
    expect((await drill(key(`hop:1:${team('service')}>${team('sales')}`))).ids).toEqual([
      ids.lead,
      ids.multi,
      ids.moved,
    ]);
    expect((await drill(key(`hop:2:${team('sales')}>${team('billing')}`))).ids).toEqual([
      ids.multi,
    ]);
    expect((await drill(key(`hop:1:${team('service')}>outcome:one_touch`))).ids).toEqual([
      ids.one,
      ids.one2,
    ]);
    expect((await drill(key(`hop:0:entry:form>${team('service')}`))).ids).toEqual([ids.lead]);
    // The same step at another stage is not this one.
    expect((await drill(key(`hop:2:${team('service')}>${team('sales')}`))).ids).toEqual([]);
    const j = await journeys(RANGE);
    for (const p of j.paths) expect((await drill(key(p.key))).ids).toEqual(p.conversationIds);
    expect((await drill(`${key('outcome:abandoned')}&channelKind=email`)).ids).toEqual([
      ids.abandoned,
    ]);
  });

  it('names the field it cannot take, and is for supervisors and admins only', async () => {
    const bad = async (url: string) => {
      const res = await sven.get(url);
      expect(res.status).toBe(400);
      return JSON.stringify(res.body);
    };
    expect(await bad('/api/journeys?from=2026-11-08&to=2026-11-02')).toContain(
      'must not be before from',
    );
    expect(await bad('/api/journeys?from=2025-01-01&to=2026-11-02')).toContain('at most 366 days');
    expect(await bad(`/api/journeys?${RANGE}&segment=vip`)).toContain('segment');
    expect(await bad(`/api/journeys?${RANGE}&channelKind=fax`)).toContain('channelKind');
    expect(await bad(`/api/journeys?${RANGE}&teamId=sales`)).toContain('teamId');
    expect(await bad(`/api/journeys/conversations?${RANGE}&key=everything`)).toContain('key');
    expect(await bad(`/api/journeys/conversations?${RANGE}&key=outcome:open&limit=0`)).toContain(
      'limit',
    );
    expect((await eva.get(`/api/journeys?${RANGE}`)).status).toBe(403);
    expect((await eva.get(`/api/journeys/conversations?${RANGE}&key=outcome:open`)).status).toBe(
      403,
    );
    expect((await ada.get(`/api/journeys?${RANGE}`)).status).toBe(200);
  });

  it('fills the figures of the conversations there were before they were kept, as the writer keeps them', async () => {
    const figures = () =>
      t.db.query(
        `SELECT id, journey_entry_team_id, journey_team_ids, journey_accept_seconds, journey_reopened
           FROM conversations ORDER BY id`,
      );
    const [kept, answer] = [await figures(), await journeys(RANGE)];
    const migration = new ConversationJourneyFigures1765003200000();
    const runner = t.db.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await figures()).toEqual(kept);
    expect(await journeys(RANGE)).toEqual(answer);
  });
});
