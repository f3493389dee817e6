import { randomBytes, randomUUID } from 'node:crypto';
import type { ReportOverviewDto } from '@touchpoint/shared';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';

type Api = ReturnType<typeof as>;

interface Made {
  kind: string;
  team: 'service' | 'sales';
  created: string;
  resolved?: string;
  firstResponseSeconds?: number;
  resolutionSeconds?: number;
  replies?: number;
  ownerChanges?: number;
  switches?: number;
}

/**
 * Reports on a dataset whose every answer is worked out by hand below, in Europe/Berlin (CET,
 * UTC+1, in November), for the week 2026-11-02 to 2026-11-08; and the figures the conversation
 * writer keeps as work happens.
 */
describe('reports', () => {
  let t: TestApp;
  let teams: Record<'service' | 'sales', string>;
  let users: Record<'eva' | 'sven' | 'ada', MadeUser>;
  let eva: Api;
  let sven: Api;
  let ada: Api;
  let contactId: string;
  const ids: Record<string, string> = {};

  async function conversation(name: string, c: Made): Promise<string> {
    const id = randomUUID();
    await t.db.query(
      `INSERT INTO conversations (id, contact_id, team_id, status, reply_token, last_activity_at,
         channel_kinds, created_at, resolved_at, first_response_at, first_response_seconds,
         resolution_seconds, replies_count, owner_changes, channel_switches)
       VALUES ($1, $2, $3, $4, $5, $6, ARRAY[$7]::varchar[], $6, $8, $9, $10, $11, $12, $13, $14)`,
      [
        id,
        contactId,
        teams[c.team],
        c.resolved ? 'resolved' : 'open',
        randomBytes(10).toString('hex'),
        c.created,
        c.kind,
        c.resolved ?? null,
        c.firstResponseSeconds === undefined
          ? null
          : new Date(Date.parse(c.created) + c.firstResponseSeconds * 1000),
        c.firstResponseSeconds ?? null,
        c.resolutionSeconds ?? null,
        c.replies ?? 0,
        c.ownerChanges ?? 0,
        c.switches ?? 0,
      ],
    );
    ids[name] = id;
    return id;
  }

  async function consult(
    conversationId: string,
    created: string,
    accept?: number,
    answer?: number,
  ) {
    const at = (s?: number) => (s === undefined ? null : new Date(Date.parse(created) + s * 1000));
    const accepted = at(accept);
    await t.db.query(
      `INSERT INTO handoffs (conversation_id, kind, status, note, from_team_id, team_id,
         requested_by_id, created_at, accepted_at, completed_at)
       VALUES ($1, 'consult', $2, 'Frage zum Angebot', $3, $4, $5, $6, $7, $8)`,
      [
        conversationId,
        answer !== undefined ? 'completed' : accept !== undefined ? 'accepted' : 'requested',
        teams.service,
        teams.sales,
        users.eva.id,
        created,
        accepted,
        accepted && answer !== undefined ? new Date(accepted.getTime() + answer * 1000) : null,
      ],
    );
  }

  beforeAll(async () => {
    t = await startTestApp();
    teams = {
      service: (await makeTeam(t.db, 'Service')).id,
      sales: (await makeTeam(t.db, 'Sales')).id,
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
    [{ id: contactId }] = await t.db.query(
      `INSERT INTO contacts (name, email) VALUES ('Report Kunde', 'report@example.test') RETURNING id`,
    );

    // Begun in the week: A, B (Monday 09:30 and 09:45), C (Wednesday 14:10), D (Sunday 23:30).
    await conversation('A', {
      kind: 'email',
      team: 'service',
      created: '2026-11-02T08:30:00Z',
      resolved: '2026-11-02T11:00:00Z',
      firstResponseSeconds: 600,
      resolutionSeconds: 9000,
      replies: 1,
    });
    await conversation('B', {
      kind: 'webchat',
      team: 'service',
      created: '2026-11-02T08:45:00Z',
      resolved: '2026-11-03T09:00:00Z',
      firstResponseSeconds: 1800,
      resolutionSeconds: 30_000,
      replies: 2,
      ownerChanges: 1,
      switches: 1,
    });
    await conversation('C', {
      kind: 'email',
      team: 'sales',
      created: '2026-11-04T13:10:00Z',
      firstResponseSeconds: 3600,
      replies: 1,
      ownerChanges: 4,
    });
    await conversation('D', { kind: 'whatsapp', team: 'sales', created: '2026-11-08T22:30:00Z' });
    // Monday 00:30 in Berlin, still Sunday in UTC: the next week.
    await conversation('E', { kind: 'email', team: 'service', created: '2026-11-08T23:30:00Z' });
    // Begun before: F still open, G resolved on Thursday, H resolved before the week.
    await conversation('F', { kind: 'email', team: 'service', created: '2026-10-30T10:00:00Z' });
    await conversation('G', {
      kind: 'email',
      team: 'service',
      created: '2026-10-29T10:00:00Z',
      resolved: '2026-11-05T09:00:00Z',
      resolutionSeconds: 50_000,
      replies: 3,
    });
    await conversation('H', {
      kind: 'email',
      team: 'service',
      created: '2026-10-20T10:00:00Z',
      resolved: '2026-10-25T10:00:00Z',
      resolutionSeconds: 1000,
      replies: 1,
    });
    // A duplicate of A, merged into it on Tuesday: counted with A, not as a conversation of its own.
    const duplicate = await conversation('A2', {
      kind: 'webchat',
      team: 'service',
      created: '2026-11-02T09:00:00Z',
      resolved: '2026-11-03T10:00:00Z',
    });
    await t.db.query('UPDATE conversations SET merged_into_id = $2 WHERE id = $1', [
      duplicate,
      ids.A,
    ]);
    // Two consults from Service to Sales in the week, one the week before.
    await consult(ids.B!, '2026-11-03T09:00:00Z', 300, 1200);
    await consult(ids.C!, '2026-11-04T14:00:00Z', 900);
    await consult(ids.F!, '2026-10-30T11:00:00Z', 60, 60);
    await t.db.query(
      `INSERT INTO team_moves (conversation_id, from_team_id, to_team_id, moved_at)
       VALUES ($1, $2, $3, '2026-11-04T15:00:00Z'), ($4, $2, $3, '2026-10-30T12:00:00Z')`,
      [ids.C, teams.service, teams.sales, ids.F],
    );
  });
  afterAll(() => t.close());

  const WEEK = 'from=2026-11-02&to=2026-11-08';
  const report = async (query: string, api: Api = sven): Promise<ReportOverviewDto> => {
    const res = await api.get(`/api/reports/overview?${query}`);
    expect(res.status).toBe(200);
    return res.body as ReportOverviewDto;
  };

  it('adds up the week as worked out by hand', async () => {
    const r = await report(WEEK);
    expect(r).toMatchObject({ from: '2026-11-02', to: '2026-11-08', timeZone: 'Europe/Berlin' });
    expect(r.totals).toEqual({
      conversations: 4,
      resolved: 3,
      oneTouch: 1,
      bounced: 2,
      switchedChannel: 1,
    });
    expect(r.volume).toEqual([
      { channelKind: 'email', hour: 9, conversations: 1 },
      { channelKind: 'email', hour: 14, conversations: 1 },
      { channelKind: 'webchat', hour: 9, conversations: 1 },
      { channelKind: 'whatsapp', hour: 23, conversations: 1 },
    ]);
    // 600, 1800, 3600: the median is the middle one; p90 lies 80 % of the way from 1800 to 3600.
    expect(r.firstResponse).toEqual({ count: 3, medianSeconds: 1800, p90Seconds: 3240 });
    // 9000, 30000, 50000 (G, begun before the week, resolved in it).
    expect(r.resolution).toEqual({ count: 3, medianSeconds: 30_000, p90Seconds: 46_000 });
    // F and G were open when the week began.
    expect(r.days).toEqual([
      { date: '2026-11-02', opened: 2, resolved: 1, backlog: 3 },
      { date: '2026-11-03', opened: 0, resolved: 1, backlog: 2 },
      { date: '2026-11-04', opened: 1, resolved: 0, backlog: 3 },
      { date: '2026-11-05', opened: 0, resolved: 1, backlog: 2 },
      { date: '2026-11-06', opened: 0, resolved: 0, backlog: 2 },
      { date: '2026-11-07', opened: 0, resolved: 0, backlog: 2 },
      { date: '2026-11-08', opened: 1, resolved: 0, backlog: 3 },
    ]);
    expect(r.bounces).toEqual([
      { changes: 0, conversations: 2 },
      { changes: 1, conversations: 1 },
      { changes: 2, conversations: 0 },
      { changes: 3, conversations: 1 },
    ]);
    expect(r.channelSwitches).toEqual([
      { switches: 0, conversations: 3 },
      { switches: 1, conversations: 1 },
      { switches: 2, conversations: 0 },
      { switches: 3, conversations: 0 },
    ]);
    // Accepted after 300 s and 900 s; one answered, 1200 s after its acceptance.
    expect(r.consults).toEqual([
      {
        fromTeam: { id: teams.service, name: 'Service' },
        toTeam: { id: teams.sales, name: 'Sales' },
        asked: 2,
        accept: { count: 2, medianSeconds: 600, p90Seconds: 840 },
        answer: { count: 1, medianSeconds: 1200, p90Seconds: 1200 },
      },
    ]);
    expect(r.teamMoves).toEqual([
      {
        fromTeam: { id: teams.service, name: 'Service' },
        toTeam: { id: teams.sales, name: 'Sales' },
        moves: 1,
      },
    ]);
  });

  it('filters by team and by the channel a conversation began on, and counts days in the zone asked', async () => {
    const service = await report(`${WEEK}&teamId=${teams.service}`);
    expect(service.totals).toMatchObject({ conversations: 2, resolved: 3, oneTouch: 1 });
    expect(service.teamMoves).toEqual([]);
    const email = await report(`${WEEK}&channelKind=email`);
    expect(email.totals.conversations).toBe(2);
    // In UTC, E's Sunday 23:30 belongs to the week, and D's 22:30 to hour 22.
    const utc = await report(`${WEEK}&timeZone=UTC`);
    expect(utc.totals.conversations).toBe(5);
    expect(utc.volume).toContainEqual({ channelKind: 'whatsapp', hour: 22, conversations: 1 });
  });

  it('names the field for a range it cannot report, and is for supervisors and admins only', async () => {
    const bad = async (query: string) => {
      const res = await sven.get(`/api/reports/overview?${query}`);
      expect(res.status).toBe(400);
      return JSON.stringify(res.body);
    };
    expect(await bad('from=2026-11-08&to=2026-11-02')).toContain('must not be before from');
    expect(await bad('from=2025-01-01&to=2026-11-02')).toContain('at most 366 days');
    expect(await bad('from=2026-02-30&to=2026-03-02')).toContain('from');
    expect(await bad(`${WEEK}&timeZone=Mars/Olympus`)).toContain('timeZone');
    expect(await bad(`${WEEK}&channelKind=fax`)).toContain('channelKind');
    expect((await eva.get(`/api/reports/overview?${WEEK}`)).status).toBe(403);
    expect((await ada.get(`/api/reports/overview?${WEEK}`)).status).toBe(200);
  });

  describe('figures the conversation writer keeps', () => {
    let channel: Channel;

    beforeAll(async () => {
      channel = await makeChannel(t.db, 'api', teams.service, {
        secret: 'reports-secret-0123456789',
        callbackUrl: 'http://127.0.0.1:9/none',
      });
    });

    const figures = async (id: string) =>
      (
        await t.db.query(
          `SELECT first_response_seconds, resolution_seconds, replies_count, owner_changes,
                  channel_switches, team_id FROM conversations WHERE id = $1`,
          [id],
        )
      )[0] as Record<string, unknown>;

    it('counts answers, bounces and moves, and keeps both times', async () => {
      const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
      await postApiMessage(t.url, channel, { id: randomUUID(), contact: { email }, text: 'Hallo' });
      const id = await waitForConversationOf(t.db, email);
      expect((await eva.post(`/api/conversations/${id}/claim`)).status).toBe(200);
      for (const body of ['Gern geschehen.', 'Noch etwas?'])
        expect(
          (
            await eva
              .post(`/api/conversations/${id}/messages`)
              .send({ type: 'reply', body, clientMessageId: randomUUID() })
          ).status,
        ).toBe(201);
      const answered = await figures(id);
      expect(answered).toMatchObject({ replies_count: 2, owner_changes: 0 });
      expect(answered.first_response_seconds).toEqual(expect.any(Number));

      // A supervisor gives it to Sales: one bounce, one move from Service to Sales.
      const moved = await sven.post(`/api/conversations/${id}/handoffs`).send({
        kind: 'transfer',
        teamId: teams.sales,
        note: 'Angebot gewünscht, bitte übernehmen',
        force: true,
      });
      expect(moved.status).toBe(201);
      expect(await figures(id)).toMatchObject({ owner_changes: 1, team_id: teams.sales });
      const moves = await t.db.query(
        'SELECT from_team_id, to_team_id FROM team_moves WHERE conversation_id = $1',
        [id],
      );
      expect(moves).toEqual([{ from_team_id: teams.service, to_team_id: teams.sales }]);

      expect(
        (await sven.patch(`/api/conversations/${id}`).send({ status: 'resolved' })).status,
      ).toBe(200);
      expect((await figures(id)).resolution_seconds).toEqual(expect.any(Number));
      expect((await sven.patch(`/api/conversations/${id}`).send({ status: 'open' })).status).toBe(
        200,
      );
      expect((await figures(id)).resolution_seconds).toBeNull();
    });
  });
});
