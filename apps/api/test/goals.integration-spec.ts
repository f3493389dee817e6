import { randomBytes, randomUUID } from 'node:crypto';
import type { AuditLogPageDto, GoalDto } from '@touchpoint/shared';
import { DateTime } from 'luxon';
import { DEMO_PASSWORD } from '../src/database/seeds/demo-workspace';
import { seedDemoGoals } from '../src/modules/demo/demo-goals';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';
import { createFileDatabase } from './helpers/test-database';

type Api = ReturnType<typeof as>;

const DAY_MS = 86_400_000;
const ZONE = 'Europe/Berlin';

/**
 * Shared goals on a dataset whose answers are worked out by hand below. Goals look back from the
 * moment they are asked for (30 days; 8 weeks for the trend, week k the 7 days from now − 56 + 7k
 * days), so the dataset is laid out in those weeks: each group on the local day after its week
 * began, a day or more from any edge. Sales works 09:00–17:00 every day in Berlin; Service has no
 * hours (around the clock).
 */
describe('shared goals', () => {
  let t: TestApp;
  let teams: Record<'service' | 'sales', string>;
  let agent: Api;
  let supervisor: Api;
  let admin: Api;
  let contactId: string;
  let requesterId: string;
  let asking: string;
  /** Local midnight of the day after week k began. */
  let at: (week: number, hour: number, minute?: number, days?: number) => DateTime;

  async function conversation(c: {
    team: 'service' | 'sales';
    created: DateTime;
    resolved?: DateTime;
    reopened?: DateTime;
    replies?: number;
    firstResponseSeconds?: number;
    mergedInto?: string;
  }): Promise<string> {
    const id = randomUUID();
    await t.db.query(
      `INSERT INTO conversations (id, contact_id, team_id, status, reply_token, last_activity_at,
         channel_kinds, created_at, resolved_at, reopened_at, first_response_at,
         first_response_seconds, replies_count, merged_into_id)
       VALUES ($1, $2, $3, $4, $5, $6, ARRAY['email']::varchar[], $6, $7, $8, $9, $10, $11, $12)`,
      [
        id,
        contactId,
        teams[c.team],
        c.resolved ? 'resolved' : 'open',
        randomBytes(10).toString('hex'),
        c.created.toJSDate(),
        c.resolved?.toJSDate() ?? null,
        c.reopened?.toJSDate() ?? null,
        c.firstResponseSeconds === undefined
          ? null
          : c.created.plus({ seconds: c.firstResponseSeconds }).toJSDate(),
        c.firstResponseSeconds ?? null,
        c.replies ?? 0,
        c.mergedInto ?? null,
      ],
    );
    return id;
  }

  async function consult(
    from: 'service' | 'sales',
    status: 'requested' | 'accepted' | 'declined' | 'cancelled',
    asked: DateTime,
    accepted?: DateTime,
    conversationId?: string,
  ): Promise<void> {
    const on = conversationId ?? asking;
    await t.db.query(
      `INSERT INTO handoffs (conversation_id, kind, status, note, from_team_id, team_id,
         requested_by_id, created_at, accepted_at)
       VALUES ($1, 'consult', $2, 'Bitte kurz prüfen', $3, $4, $5, $6, $7)`,
      [
        on,
        status,
        teams[from],
        teams[from === 'service' ? 'sales' : 'service'],
        requesterId,
        asked.toJSDate(),
        accepted?.toJSDate() ?? null,
      ],
    );
  }

  /** A satisfaction survey sent at `requested` (on a conversation of its own that no goal counts). */
  async function survey(team: 'service' | 'sales', requested: DateTime, rating: number | null) {
    const on = await conversation({ team: 'service', created: at(0, 8) });
    await t.db.query(
      `INSERT INTO csat_surveys (conversation_id, contact_id, status, team_id, resolved_at,
         requested_at, rating, rated_at)
       VALUES ($1, $2, $3, $4, $5, $5, $6, $7)`,
      [
        on,
        contactId,
        rating === null ? 'requested' : 'rated',
        teams[team],
        requested.toJSDate(),
        rating,
        rating === null ? null : requested.plus({ hours: 1 }).toJSDate(),
      ],
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    teams = {
      service: (await makeTeam(t.db, 'Service')).id,
      sales: (await makeTeam(t.db, 'Sales')).id,
    };
    const day = [{ from: '09:00', to: '17:00' }];
    await t.db.query('UPDATE teams SET business_hours = $2 WHERE id = $1', [
      teams.sales,
      JSON.stringify({
        timeZone: ZONE,
        week: Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, day])),
        holidays: [],
      }),
    ]);
    const agentUser = await makeUser(t.db, { teams: [teams.service], name: 'Eva' });
    requesterId = agentUser.id;
    const supervisorUser = await makeUser(t.db, { role: 'supervisor', name: 'Sven' });
    const adminUser = await makeUser(t.db, { role: 'admin', name: 'Ada' });
    [agent, supervisor, admin] = await Promise.all(
      [agentUser, supervisorUser, adminUser].map(async (u) =>
        as(t.url, (await login(t.url, u)).accessToken),
      ),
    );
    [{ id: contactId }] = await t.db.query(
      `INSERT INTO contacts (name, email) VALUES ('Ziel Kunde', 'goals@example.test') RETURNING id`,
    );

    const now = Date.now();
    const dayIn = (week: number) =>
      DateTime.fromMillis(now - 56 * DAY_MS + week * 7 * DAY_MS, { zone: ZONE })
        .plus({ days: 1 })
        .startOf('day');
    at = (week, hour, minute = 0, days = 0) => dayIn(week).plus({ days }).set({ hour, minute });

    // Consults are asked on an open Service conversation, which no goal below counts.
    asking = await conversation({ team: 'service', created: at(0, 9) });
    // Consults in week 4 (inside the 30 days), Sales' minutes counted in its business time.
    // Service → Sales: 2 of 5 accepted within 30 minutes.
    await consult('service', 'accepted', at(4, 16, 50), at(4, 9, 15, 1)); // 10 + 15 min: within
    await consult('service', 'accepted', at(4, 10), at(4, 10, 45)); // 45 min: late
    await consult('service', 'accepted', at(4, 11), at(4, 11, 20)); // 20 min: within
    await consult('service', 'declined', at(4, 12)); // never accepted: missed
    await consult('service', 'requested', at(4, 14)); // still waiting, long past 30 min: missed
    await consult('service', 'cancelled', at(4, 13)); // withdrawn before acceptance: not counted
    // Still waiting, but its 30 minutes have not passed: not decided yet.
    await consult('service', 'requested', DateTime.now().minus({ minutes: 1 }));
    // Sales → Service (around the clock): 1 of 1 within.
    await consult('sales', 'accepted', at(4, 10), at(4, 10, 20));
    // Week 1, before the 30 days: only in the trend.
    await consult('service', 'accepted', at(1, 10), at(1, 10, 5));
    // On a merged duplicate: counted with the conversation it was merged into, so not here.
    const kept = await conversation({ team: 'service', created: at(4, 9) });
    const duplicate = await conversation({ team: 'service', created: at(4, 9), mergedInto: kept });
    await consult('service', 'accepted', at(4, 15), at(4, 15, 1), duplicate);

    // Resolved in week 6. Service: one-touch, reopened, two replies, one-touch (2 of 4).
    const resolved = (team: 'service' | 'sales', minute: number, extra = {}) =>
      conversation({
        team,
        created: at(6, 9, minute),
        resolved: at(6, 11, minute),
        replies: 1,
        ...extra,
      });
    await resolved('service', 0);
    await resolved('service', 1, { reopened: at(6, 10, 1) });
    await resolved('service', 2, { replies: 2 });
    await resolved('service', 3);
    // Sales: two one-touch resolutions; answered in 20 min and in 66:40 min.
    await resolved('sales', 4, { firstResponseSeconds: 1200 });
    await resolved('sales', 5, { firstResponseSeconds: 4000 });
    // Sales, unanswered: open for days (missed), resolved without a reply (needed none; a
    // resolution that is not one-touch, so Sales resolves 2 of 3 in one touch), begun five minutes
    // ago (not yet due).
    await conversation({ team: 'sales', created: at(6, 10) });
    await conversation({ team: 'sales', created: at(6, 10, 30), resolved: at(6, 12) });
    await conversation({ team: 'sales', created: DateTime.now().minus({ minutes: 5 }) });
    // A merged duplicate resolved in one touch: not counted.
    await conversation({
      team: 'service',
      created: at(6, 9),
      resolved: at(6, 11),
      replies: 1,
      mergedInto: kept,
    });
    // Week 0: Sales resolved in one touch, answered in 10 min; only in the trends.
    await conversation({
      team: 'sales',
      created: at(0, 10),
      resolved: at(0, 12),
      replies: 1,
      firstResponseSeconds: 600,
    });
    // Surveys sent in week 5: Service rated 5 and 4, one unrated; Sales rated 2. Week 2: a 5.
    await survey('service', at(5, 10), 5);
    await survey('service', at(5, 11), 4);
    await survey('service', at(5, 12), null);
    await survey('sales', at(5, 13), 2);
    await survey('service', at(2, 10), 5);
  });
  afterAll(() => t.close());

  const create = async (api: Api, body: object) => api.post('/api/goals').send(body);
  const trendOf = (goal: GoalDto) => goal.trend.map((w) => [w.value, w.count]);
  const empty = [null, 0];

  it('measures each goal against the hand-worked answers', async () => {
    const made = await Promise.all(
      [
        {
          name: "Sales accepts Service's consults within 30 minutes",
          kind: 'consult_accept_within',
          params: { fromTeamId: teams.service, toTeamId: teams.sales, minutes: 30 },
          target: 0.9,
        },
        {
          name: 'Consults accepted within 30 minutes',
          kind: 'consult_accept_within',
          params: { minutes: 30 },
          target: 0.5,
        },
        { name: 'One-touch resolution ≥ 70%', kind: 'one_touch_rate', target: 0.7 },
        {
          name: 'Sales answers within the hour',
          kind: 'first_response_within',
          params: { teamId: teams.sales, minutes: 60 },
          target: 0.5,
        },
        { name: 'CSAT ≥ 4.5', kind: 'csat_average', target: 4.5 },
      ].map(async (body) => {
        const res = await create(supervisor, body);
        expect(res.status).toBe(201);
        return res.body as GoalDto;
      }),
    );
    const res = await agent.get('/api/goals');
    expect(res.status).toBe(200);
    const goals = new Map((res.body as GoalDto[]).map((g) => [g.id, g]));
    const [pair, consults, oneTouch, firstResponse, csat] = made.map(
      (m) => goals.get(m.id) as GoalDto,
    );
    const service = { id: teams.service, name: 'Service' };
    const sales = { id: teams.sales, name: 'Sales' };

    expect(pair).toMatchObject({
      kind: 'consult_accept_within',
      direction: 'at_least',
      target: 0.9,
      current: { value: 0.4, count: 5 },
      holds: false,
      breakdown: [],
    });
    expect(trendOf(pair!)).toEqual([empty, [1, 1], empty, empty, [0.4, 5], empty, empty, empty]);
    expect(pair!.trend[4]!.weekStart).toBe(
      new Date(Date.parse(pair!.trend[0]!.weekStart) + 28 * DAY_MS).toISOString(),
    );

    expect(consults).toMatchObject({ current: { value: 0.5, count: 6 }, holds: true });
    expect(consults!.breakdown).toEqual([
      { fromTeam: service, toTeam: sales, value: 0.4, count: 5, holds: false },
      { fromTeam: sales, toTeam: service, value: 1, count: 1, holds: true },
    ]);

    expect(oneTouch).toMatchObject({
      params: { teamId: null },
      current: { value: 4 / 7, count: 7 },
      holds: false,
    });
    expect(oneTouch!.breakdown).toEqual([
      { fromTeam: service, toTeam: null, value: 0.5, count: 4, holds: false },
      { fromTeam: sales, toTeam: null, value: 2 / 3, count: 3, holds: false },
    ]);
    expect(trendOf(oneTouch!)).toEqual([
      [1, 1],
      empty,
      empty,
      empty,
      empty,
      empty,
      [4 / 7, 7],
      empty,
    ]);

    expect(firstResponse).toMatchObject({
      current: { value: 1 / 3, count: 3 },
      holds: false,
      breakdown: [],
    });
    expect(trendOf(firstResponse!)).toEqual([
      [1, 1],
      empty,
      empty,
      empty,
      empty,
      empty,
      [1 / 3, 3],
      empty,
    ]);

    // The mean of the rated surveys sent: (5 + 4 + 2) / 3; Sales rated lowest.
    expect(csat).toMatchObject({
      kind: 'csat_average',
      target: 4.5,
      current: { value: 11 / 3, count: 3 },
      holds: false,
    });
    expect(csat!.breakdown).toEqual([
      { fromTeam: sales, toTeam: null, value: 2, count: 1, holds: false },
      { fromTeam: service, toTeam: null, value: 4.5, count: 2, holds: true },
    ]);
    expect(trendOf(csat!)).toEqual([empty, empty, [5, 1], empty, empty, [11 / 3, 3], empty, empty]);
  });

  it('changes and removes a goal; a change is checked against its kind and kept in the audit log', async () => {
    const res = await create(admin, {
      name: 'Sales answers within two hours',
      kind: 'first_response_within',
      params: { teamId: teams.sales, minutes: 120 },
      target: 0.8,
    });
    expect(res.status).toBe(201);
    const id = (res.body as GoalDto).id;

    const changed = await supervisor
      .patch(`/api/goals/${id}`)
      .send({ target: 0.3, params: { teamId: teams.sales, minutes: 60 } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      kind: 'first_response_within',
      target: 0.3,
      params: { teamId: teams.sales, minutes: 60 },
      current: { value: 1 / 3, count: 3 },
      holds: true,
    });

    const tooLong = await supervisor
      .patch(`/api/goals/${id}`)
      .send({ params: { teamId: teams.sales, minutes: 10_081 } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details).toEqual([
      { path: 'params.minutes', message: 'must be a whole number from 1 to 10080' },
    ]);
    const share = await supervisor.patch(`/api/goals/${id}`).send({ target: 1.5 });
    expect(share.status).toBe(400);
    expect(share.body.message).toMatch(/^target /);

    expect((await agent.patch(`/api/goals/${id}`).send({ target: 0.5 })).status).toBe(403);
    expect((await agent.delete(`/api/goals/${id}`)).status).toBe(403);
    expect((await supervisor.delete(`/api/goals/${id}`)).status).toBe(204);
    const list = (await agent.get('/api/goals')).body as GoalDto[];
    expect(list.map((g) => g.id)).not.toContain(id);
    expect((await supervisor.patch(`/api/goals/${id}`).send({ target: 0.5 })).status).toBe(404);

    // Who agreed, moved and dropped the target, oldest last; refused changes left no line.
    const audit = await admin.get(`/api/audit-log?subjectId=${id}`);
    expect(audit.status).toBe(200);
    expect(
      (audit.body as AuditLogPageDto).items.map((e) => [e.action, e.actor?.name, e.subjectType]),
    ).toEqual([
      ['goal.removed', 'Sven', 'goal'],
      ['goal.changed', 'Sven', 'goal'],
      ['goal.created', 'Ada', 'goal'],
    ]);
    expect((audit.body as AuditLogPageDto).items[1].details).toEqual({
      name: 'Sales answers within two hours',
      kind: 'first_response_within',
      params: { teamId: teams.sales, minutes: 60 },
      target: 0.3,
      before: {
        name: 'Sales answers within two hours',
        kind: 'first_response_within',
        params: { teamId: teams.sales, minutes: 120 },
        target: 0.8,
      },
    });
  });

  it('refuses what is not a goal with a 400 naming the field, and agents with a 403', async () => {
    const valid = {
      name: 'Consults within 30 minutes',
      kind: 'consult_accept_within',
      params: { fromTeamId: teams.service, toTeamId: teams.sales, minutes: 30 },
      target: 0.9,
    };
    const refused = async (body: object) => {
      const res = await create(supervisor, body);
      expect(res.status).toBe(400);
      return res.body as { message: string; details?: { path: string }[] };
    };
    expect((await refused({ ...valid, params: { ...valid.params, minutes: 0 } })).details).toEqual([
      { path: 'params.minutes', message: 'must be a whole number from 1 to 10080' },
    ]);
    expect((await refused({ ...valid, target: 0 })).details?.map((d) => d.path)).toEqual([
      'target',
    ]);
    expect(
      (await refused({ ...valid, name: 'x'.repeat(201) })).details?.map((d) => d.path),
    ).toEqual(['name']);
    const csat = { name: 'CSAT', kind: 'csat_average', target: 0.9 };
    expect((await refused(csat)).details).toEqual([
      { path: 'target', message: 'must be a rating from 1 to 5, such as 4.5' },
    ]);
    expect((await create(supervisor, { ...csat, target: 4.5 })).status).toBe(201);
    expect((await refused({ ...valid, kind: 'csat_median' })).details?.map((d) => d.path)).toEqual([
      'kind',
    ]);
    expect(
      (await refused({ ...valid, params: { ...valid.params, teamId: teams.sales } })).details?.map(
        (d) => d.path,
      ),
    ).toEqual(['params']);
    const unknownTeam = randomUUID();
    expect(
      (await refused({ ...valid, params: { ...valid.params, toTeamId: unknownTeam } })).message,
    ).toBe(`params.toTeamId: no team ${unknownTeam} exists`);
    expect(
      (
        await refused({ name: 'One touch', kind: 'one_touch_rate', params: { teamId: 'sales' } })
      ).details?.map((d) => d.path),
    ).toEqual(['params.teamId', 'target']);

    expect((await create(agent, valid)).status).toBe(403);
    expect((await create(supervisor, valid)).status).toBe(201);
  });
});

describe('shared goals of the demo workspace', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' }, await createFileDatabase({ empty: true }));
  }, 60_000);
  afterAll(() => t?.close());

  it('shows an agent the two agreed goals measured on the generated history, seeded once', async () => {
    const ben = as(
      t.url,
      (await login(t.url, { email: 'ben@example.com', password: DEMO_PASSWORD })).accessToken,
    );
    const res = await ben.get('/api/goals');
    expect(res.status).toBe(200);
    const goals = res.body as GoalDto[];
    expect(goals.map((g) => [g.name, g.kind, g.target])).toEqual([
      ["Sales accepts Service's consults within 30 minutes", 'consult_accept_within', 0.9],
      ['One-touch resolution ≥ 70%', 'one_touch_rate', 0.7],
    ]);
    for (const goal of goals) {
      expect(goal.current.count).toBeGreaterThan(0);
      expect(goal.current.value).toBeGreaterThan(0);
      expect(goal.current.value).toBeLessThanOrEqual(1);
      expect(goal.holds).toBe(goal.current.value! >= goal.target);
      // Ninety days of history: every week of the trend has something to count.
      expect(goal.trend.every((w) => w.count > 0)).toBe(true);
    }
    // Fixed pair: nobody else to blame; all teams: per team, worst first.
    expect(goals[0]!.breakdown).toEqual([]);
    const teams = goals[1]!.breakdown;
    expect(teams.length).toBeGreaterThan(1);
    expect(teams.map((b) => b.value)).toEqual(
      [...teams.map((b) => b.value)].sort((a, b) => (a ?? 0) - (b ?? 0)),
    );

    const teamId = new Map<string, string>(
      (await t.db.query('SELECT name, id FROM teams')).map((r: { name: string; id: string }) => [
        r.name,
        r.id,
      ]),
    );
    await t.db.transaction((m) => seedDemoGoals(m, teamId));
    expect(await t.db.query('SELECT count(*)::int AS n FROM shared_goals')).toEqual([{ n: 2 }]);
  });
});
