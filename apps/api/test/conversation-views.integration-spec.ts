import { randomUUID } from 'node:crypto';
import type { ConversationCountsDto, ConversationListDto } from '@touchpoint/shared';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from './helpers/channels';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

describe('conversation views', () => {
  let t: TestApp;
  let channel: Channel;
  let teamId: string;
  let agent: ReturnType<typeof as>;
  let supervisor: ReturnType<typeof as>;

  beforeAll(async () => {
    t = await startTestApp();
    teamId = (await makeTeam(t.db, 'Sales')).id;
    channel = await makeChannel(t.db, 'api', teamId, { secret: 'views-secret-0123456789' });
    agent = as(t.url, (await login(t.url, await makeUser(t.db, { teams: [teamId] }))).accessToken);
    supervisor = as(
      t.url,
      (await login(t.url, await makeUser(t.db, { role: 'supervisor' }))).accessToken,
    );
    for (let i = 0; i < 7; i++) {
      await postApiMessage(t.url, channel, {
        id: `v-${i}`,
        contact: { identifier: `views-${i}`, name: `Kunde ${i}` },
        text: `Anfrage ${i}`,
      });
    }
    await waitFor(
      'seven conversations',
      async () => (await t.db.query('SELECT count(*)::int AS n FROM conversations'))[0].n === 7,
    );
  });
  afterAll(() => t.close());

  it('pages through a view with a keyset cursor, newest activity first, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await agent.get(
        `/api/conversations?view=unassigned&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      const page = res.body as ConversationListDto;
      seen.push(...page.items.map((c) => c.contact.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    // Workers process in parallel, so the order is the one of last activity, not of posting.
    const expected: { name: string }[] = await t.db.query(
      'SELECT k.name FROM conversations c JOIN contacts k ON k.id = c.contact_id ORDER BY c.last_activity_at DESC, c.id DESC',
    );
    expect(seen).toEqual(expected.map((r) => r.name));
    expect(new Set(seen).size).toBe(7);

    const bad = await agent.get('/api/conversations?view=unassigned&cursor=garbage');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('conversations.invalid_cursor');
  });

  it('filters by search text, status and channel, and says what is wrong with bad filters', async () => {
    const found = (await agent.get('/api/conversations?view=unassigned&q=kunde 3'))
      .body as ConversationListDto;
    expect(found.items.map((c) => c.contact.name)).toEqual(['Kunde 3']);
    const byChannel = (await agent.get('/api/conversations?view=unassigned&channel=email'))
      .body as ConversationListDto;
    expect(byChannel.items).toEqual([]);
    const bad = await agent.get('/api/conversations?view=everything&status=closed');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain(
      'view must be one of mine, unassigned, team, participating, all',
    );
    expect(bad.body.message).toContain('status must be one of open, pending, snoozed, resolved');
  });

  it('counts per view, and moves a conversation from unassigned to mine when claimed', async () => {
    const before = (await agent.get('/api/conversations/counts')).body as ConversationCountsDto;
    expect(before).toMatchObject({ mine: 0, unassigned: 7, team: 7, all: 0 });
    const [first] = (
      (await agent.get('/api/conversations?view=unassigned&limit=1')).body as ConversationListDto
    ).items;
    expect((await agent.post(`/api/conversations/${first.id}/claim`)).status).toBe(200);
    const after = (await agent.get('/api/conversations/counts')).body as ConversationCountsDto;
    expect(after).toMatchObject({ mine: 1, unassigned: 6, team: 7, teams: { [teamId]: 7 } });
    const mine = (await agent.get('/api/conversations?view=mine')).body as ConversationListDto;
    expect(mine.items.map((c) => c.id)).toEqual([first.id]);
    expect((await supervisor.get('/api/conversations/counts')).body.all).toBe(7);
    const team = await agent.get(`/api/conversations?view=team&teamId=${teamId}`);
    expect(team.body.items).toHaveLength(7);
    expect((await agent.get(`/api/conversations?view=team&teamId=${randomUUID()}`)).status).toBe(
      403,
    );
  });

  it('pages without gaps when conversations differ below the millisecond', async () => {
    // All seven within one millisecond, a microsecond apart.
    await t.db.query(
      `UPDATE conversations c
          SET last_activity_at = timestamptz '2026-01-01 10:00:00.123+00' + n.i * interval '1 microsecond'
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS i FROM conversations) n
        WHERE n.id = c.id`,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await agent.get(
        `/api/conversations?view=team&teamId=${teamId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      const page = res.body as ConversationListDto;
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    const expected: { id: string }[] = await t.db.query(
      'SELECT id FROM conversations ORDER BY last_activity_at DESC, id DESC',
    );
    expect(seen).toEqual(expected.map((r) => r.id));
  });
});
