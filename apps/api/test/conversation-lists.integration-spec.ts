import {
  CONVERSATION_STATUSES,
  CONVERSATION_VIEWS,
  compareListOrder,
  conversationInList,
  listCondition,
  type ChannelKind,
  type ConversationListDto,
  type ConversationStatus,
  type ConversationSummaryDto,
  type ListFacts,
  type ListFilters,
  type ListViewer,
} from '@touchpoint/shared';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';

/*
 * The server's list query and the shared list rule the web merges live updates by must agree: every
 * list of every viewer, asked through HTTP, holds exactly the conversations the rule says, in the
 * rule's order.
 */

type Participation = 'active' | 'grace' | 'expired';

interface Seeded {
  id: string;
  lastActivityAt: string;
  facts: ListFacts & { participantIds: string[] };
}

const KINDS: ChannelKind[][] = [['email'], ['webchat', 'email'], ['whatsapp']];

describe('conversation lists: the server query and the shared rule agree', () => {
  let t: TestApp;
  let teamA: string;
  let teamB: string;
  const viewers: { user: MadeUser; viewer: ListViewer; api: ReturnType<typeof as> }[] = [];
  const seeded: Seeded[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    teamA = (await makeTeam(t.db, 'Sales')).id;
    teamB = (await makeTeam(t.db, 'Billing')).id;
    const people: { role: 'agent' | 'supervisor'; teams: string[] }[] = [
      { role: 'agent', teams: [teamA] },
      { role: 'agent', teams: [teamA, teamB] },
      { role: 'agent', teams: [] },
      { role: 'supervisor', teams: [] },
    ];
    for (const p of people) {
      const user = await makeUser(t.db, p);
      const api = as(t.url, (await login(t.url, user)).accessToken);
      viewers.push({ user, api, viewer: { id: user.id, role: p.role, teamIds: p.teams } });
    }
    const [contact]: { id: string }[] = await t.db.query(
      `INSERT INTO contacts (name, email) VALUES ('Clara', 'clara@example.test') RETURNING id`,
    );
    const owners = [null, ...viewers.map((v) => v.user.id)];
    const teams = [teamA, teamB, null];
    const base = Date.parse('2026-01-01T10:00:00.000Z');
    let n = 0;
    for (const status of CONVERSATION_STATUSES)
      for (const ownerId of owners)
        for (const teamId of teams) {
          // Pairs share their time, so the id decides their order.
          const at = new Date(base - Math.floor(n / 2) * 1000);
          const channelKinds = KINDS[n % KINDS.length];
          const [row]: { id: string }[] = await t.db.query(
            `INSERT INTO conversations (contact_id, team_id, owner_id, status, reply_token, channel_kinds, last_activity_at)
             VALUES ($1, $2, $3, $4, md5(random()::text), $5, $6) RETURNING id`,
            [contact.id, teamId, ownerId, status, channelKinds, at],
          );
          // Each viewer takes part in some conversations, in each way (and some of them own one too).
          const participantIds: string[] = [];
          for (const [i, v] of viewers.entries()) {
            const way = (['active', 'grace', 'expired', null] as const)[(n + i) % 4];
            if (!way) continue;
            await takePart(row.id, v.user.id, way);
            if (way !== 'expired') participantIds.push(v.user.id);
          }
          seeded.push({
            id: row.id,
            lastActivityAt: at.toISOString(),
            facts: { status, ownerId, teamId, channelKinds, participantIds },
          });
          n++;
        }
  });
  afterAll(() => t.close());

  async function takePart(conversationId: string, userId: string, way: Participation) {
    const expires = { active: null, grace: '1 hour', expired: '-1 minute' }[way];
    await t.db.query(
      `INSERT INTO conversation_participants (conversation_id, user_id, via, expires_at)
       VALUES ($1, $2, 'mention', CASE WHEN $3::interval IS NULL THEN NULL ELSE now() + $3::interval END)`,
      [conversationId, userId, expires],
    );
  }

  function allFilters(): ListFilters[] {
    const filters: ListFilters[] = [];
    for (const view of CONVERSATION_VIEWS)
      for (const teamId of [undefined, teamA, teamB])
        for (const status of [undefined, ...CONVERSATION_STATUSES] as (
          ConversationStatus | undefined
        )[])
          for (const channel of [undefined, 'webchat'] as const)
            filters.push({ view, teamId, status, channel });
    return filters;
  }

  const query = (f: ListFilters) =>
    Object.entries(f)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
      .join('&');

  it('every list of every viewer holds what the rule says, in its order', async () => {
    let compared = 0;
    for (const { viewer, api } of viewers) {
      for (const f of allFilters()) {
        const res = await api.get(`/api/conversations?${query(f)}&limit=200`);
        const condition = listCondition(f, viewer);
        if ('refused' in condition) {
          expect({ filters: f, role: viewer.role, status: res.status }).toEqual({
            filters: f,
            role: viewer.role,
            status: 403,
          });
          continue;
        }
        expect(res.status).toBe(200);
        const body = res.body as ConversationListDto;
        const expected = seeded.filter((c) => {
          const verdict = conversationInList(f, viewer, c.facts);
          if (verdict === 'unknown') throw new Error('full facts must give a verdict');
          return verdict === 'yes';
        });
        const served = body.items.map((c) => c.id);
        const ordered = [...expected].sort(compareListOrder).map((c) => c.id);
        // The filters and the viewer in the message say which list disagreed.
        expect({ filters: f, viewer: viewer.id, served }).toEqual({
          filters: f,
          viewer: viewer.id,
          served: ordered,
        });
        compared += seeded.length;
      }
    }
    // Many lists were compared, and they were not all empty.
    expect(compared).toBeGreaterThan(10_000);
  });

  it('has conversations in and out of every view (the data set tells the views apart)', () => {
    for (const view of CONVERSATION_VIEWS) {
      const verdicts = new Set(
        viewers.flatMap(({ viewer }) =>
          seeded.map((c) => conversationInList({ view, teamId: teamA }, viewer, c.facts)),
        ),
      );
      expect({ view, verdicts: [...verdicts].sort() }).toEqual({ view, verdicts: ['no', 'yes'] });
    }
  });

  it('pages through a list by its cursor in the rule order without losing or repeating one', async () => {
    const { api, viewer } = viewers[3];
    const seen: ConversationSummaryDto[] = [];
    let cursor: string | null = null;
    do {
      const res = await api.get(
        `/api/conversations?view=all&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      const page = res.body as ConversationListDto;
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const expected = seeded.filter(
      (c) => conversationInList({ view: 'all' }, viewer, c.facts) === 'yes',
    );
    expect(seen.map((c) => c.id)).toEqual(expected.sort(compareListOrder).map((c) => c.id));
  });
});
