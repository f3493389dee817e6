import { randomUUID } from 'node:crypto';
import type { HandoffDto, JourneyOverviewDto } from '@touchpoint/shared';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';

type Api = ReturnType<typeof as>;

interface Kept {
  journey_entry_team_id: string | null;
  journey_team_ids: string[];
  journey_accept_seconds: (number | null)[];
  journey_reopened: boolean;
}

/**
 * The journey figures the conversation writer keeps, written through the real flow: a customer
 * message in, consults asked and accepted, a resolution and a reopening. The journeys answer reads
 * only these figures, so it is checked too.
 */
describe('journeys: the figures the writer keeps', () => {
  let t: TestApp;
  let channel: Channel;
  let teams: Record<'service' | 'sales' | 'billing', string>;
  let users: Record<'eva' | 'clara' | 'bruno' | 'sven', MadeUser>;
  let eva: Api;
  let clara: Api;
  let bruno: Api;
  let sven: Api;

  beforeAll(async () => {
    t = await startTestApp();
    teams = {
      service: (await makeTeam(t.db, 'Service')).id,
      sales: (await makeTeam(t.db, 'Sales')).id,
      billing: (await makeTeam(t.db, 'Billing')).id,
    };
    channel = await makeChannel(t.db, 'api', teams.service, {
      secret: 'journey-secret-0123456789',
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    users = {
      eva: await makeUser(t.db, { teams: [teams.service], name: 'Eva' }),
      clara: await makeUser(t.db, { teams: [teams.sales], name: 'Clara' }),
      bruno: await makeUser(t.db, { teams: [teams.billing], name: 'Bruno' }),
      sven: await makeUser(t.db, { role: 'supervisor', name: 'Sven' }),
    };
    const token = async (u: MadeUser) => as(t.url, (await login(t.url, u)).accessToken);
    [eva, clara, bruno, sven] = await Promise.all(
      [users.eva, users.clara, users.bruno, users.sven].map(token),
    );
  });
  afterAll(() => t.close());

  /** A customer writes in through Service's channel; Eva claims the conversation. */
  async function customerWritesIn(): Promise<string> {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    await postApiMessage(t.url, channel, {
      id: randomUUID(),
      contact: { email },
      text: 'Rechnung doppelt bezahlt, und ich hätte gern ein Angebot',
    });
    const id = await waitForConversationOf(t.db, email);
    expect((await eva.post(`/api/conversations/${id}/claim`)).status).toBe(200);
    return id;
  }

  const consult = async (id: string, teamId: string): Promise<HandoffDto> => {
    const res = await eva
      .post(`/api/conversations/${id}/handoffs`)
      .send({ kind: 'consult', teamId, note: 'Bitte einmal draufschauen, Kunde wartet.' });
    expect(res.status).toBe(201);
    return res.body as HandoffDto;
  };

  const kept = async (id: string): Promise<Kept> =>
    (
      await t.db.query<Kept[]>(
        `SELECT journey_entry_team_id, journey_team_ids, journey_accept_seconds, journey_reopened
           FROM conversations WHERE id = $1`,
        [id],
      )
    )[0];

  /** Seconds from asking to accepting, as the handoff row has them. */
  const acceptWait = async (handoffId: string): Promise<number> => {
    const [{ w }] = await t.db.query<{ w: number }[]>(
      'SELECT extract(epoch FROM accepted_at - created_at)::float8 AS w FROM handoffs WHERE id = $1',
      [handoffId],
    );
    return w;
  };

  it('keeps the entry team, the team pulled in with its wait, and a reopening within 7 days', async () => {
    const id = await customerWritesIn();
    expect(await kept(id)).toEqual({
      journey_entry_team_id: teams.service,
      journey_team_ids: [],
      journey_accept_seconds: [],
      journey_reopened: false,
    });

    const asked = await consult(id, teams.sales);
    expect(await kept(id)).toMatchObject({
      journey_team_ids: [teams.sales],
      journey_accept_seconds: [null],
    });
    expect((await clara.post(`/api/handoffs/${asked.id}/accept`)).status).toBe(200);
    const wait = await acceptWait(asked.id);
    expect((await kept(id)).journey_accept_seconds).toEqual([wait]);

    // Asked again after it was accepted: Sales is pulled in once, with its first wait.
    expect((await eva.post(`/api/handoffs/${asked.id}/cancel`)).status).toBe(200);
    await consult(id, teams.sales);
    expect((await kept(id)).journey_team_ids).toEqual([teams.sales]);

    expect((await eva.patch(`/api/conversations/${id}`).send({ status: 'resolved' })).status).toBe(
      200,
    );
    expect((await kept(id)).journey_reopened).toBe(false);
    expect((await eva.patch(`/api/conversations/${id}`).send({ status: 'open' })).status).toBe(200);
    expect(await kept(id)).toEqual({
      journey_entry_team_id: teams.service,
      journey_team_ids: [teams.sales],
      journey_accept_seconds: [wait],
      journey_reopened: true,
    });

    const today = new Date().toISOString().slice(0, 10);
    const res = await sven.get(`/api/journeys?from=${today}&to=${today}&timeZone=UTC`);
    expect(res.status).toBe(200);
    const overview = res.body as JourneyOverviewDto;
    const key = `path:entry:api>team:${teams.service}>team:${teams.sales}>outcome:reopened`;
    expect(overview.paths.find((p) => p.key === key)).toMatchObject({
      count: 1,
      conversationIds: [id],
    });
    expect(
      overview.edges.find((e) => e.key === `edge:team:${teams.service}>team:${teams.sales}`),
    ).toMatchObject({ count: 1, measured: 1, medianSeconds: Math.round(wait) });
  });

  it('keeps both teams of two consults asked and accepted at the same moment', async () => {
    const id = await customerWritesIn();
    const [sales, billing] = await Promise.all([
      consult(id, teams.sales),
      consult(id, teams.billing),
    ]);
    const accepted = await Promise.all([
      clara.post(`/api/handoffs/${sales.id}/accept`),
      bruno.post(`/api/handoffs/${billing.id}/accept`),
    ]);
    expect(accepted.map((r) => r.status)).toEqual([200, 200]);
    // In the order first asked, as the handoff rows have it.
    const order: { id: string; team_id: string }[] = await t.db.query(
      'SELECT id, team_id FROM handoffs WHERE conversation_id = $1 ORDER BY created_at, team_id',
      [id],
    );
    expect(order.map((h) => h.id).sort()).toEqual([sales.id, billing.id].sort());
    expect(await kept(id)).toEqual({
      journey_entry_team_id: teams.service,
      journey_team_ids: order.map((h) => h.team_id),
      journey_accept_seconds: await Promise.all(order.map((h) => acceptWait(h.id))),
      journey_reopened: false,
    });
  });
});
