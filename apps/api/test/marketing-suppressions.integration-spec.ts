import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type {
  ApiErrorBody,
  ContactDto,
  ContactMergeDto,
  MarketingHoldPolicy,
  SuppressionEntryDto,
  SuppressionPageDto,
} from '@touchpoint/shared';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import request from 'supertest';
import { DomainEvents } from '../src/core/events/domain-events';
import { JOBS, QUEUES } from '../src/core/queue/queue.constants';
import type { Channel } from '../src/modules/channels/channel.entity';
import { MARKETING_HOLD_SWEEP_MS } from '../src/modules/marketing/marketing-hold.job';
import { SUPPRESSION_CHANGES_LOCK } from '../src/modules/marketing/marketing-hold.query';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

type Api = ReturnType<typeof as>;

/*
 * The marketing stop: while a support conversation of a contact is unresolved (by its team's
 * setting), the contact is on the suppression list marketing tools poll, and every start and end
 * of a hold is a change they receive after their cursor, once, in order.
 */
describe('marketing suppressions', () => {
  let t: TestApp;
  let serviceId: string;
  let salesId: string;
  let serviceChannel: Channel;
  let salesChannel: Channel;
  let admin: Api;
  let supervisor: Api;
  let agent: Api;
  let queue: Queue;

  beforeAll(async () => {
    t = await startTestApp();
    serviceId = (await makeTeam(t.db, 'Service')).id;
    salesId = (await makeTeam(t.db, 'Sales')).id;
    const config = (n: number) => ({
      secret: `marketing-secret-${n}-0123456789`,
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    serviceChannel = await makeChannel(t.db, 'api', serviceId, config(1));
    salesChannel = await makeChannel(t.db, 'api', salesId, config(2));
    const [a, s, g] = await Promise.all([
      makeUser(t.db, { role: 'admin' }),
      makeUser(t.db, { role: 'supervisor' }),
      makeUser(t.db, { teams: [serviceId] }),
    ]);
    [admin, supervisor, agent] = await Promise.all(
      [a, s, g].map(async (u) => as(t.url, (await login(t.url, u)).accessToken)),
    );
    queue = t.app.get<Queue>(getQueueToken(QUEUES.marketing));
    await setPolicy(salesId, 'none');
  });
  afterAll(() => t.close());

  async function setPolicy(teamId: string, holdsMarketing: MarketingHoldPolicy): Promise<void> {
    const res = await admin.patch(`/api/teams/${teamId}`).send({ holdsMarketing });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ holdsMarketing });
    await drainQueues(t);
  }

  /** A new customer writes to `channel`; answers their contact's and conversation's ids. */
  async function customerWrites(channel: Channel) {
    const tag = randomUUID().slice(0, 8);
    const email = `kunde-${tag}@example.test`;
    const identifier = `crm-${tag}`;
    await postApiMessage(t.url, channel, {
      id: randomUUID(),
      contact: { identifier, email, name: `Kunde ${tag}` },
      text: 'Meine Bestellung ist kaputt angekommen.',
    }).expect((res) => expect(res.status).toBeLessThan(300));
    const conversationId = await waitForConversationOf(t.db, email);
    await drainQueues(t);
    const [{ contact_id: contactId }]: { contact_id: string }[] = await t.db.query(
      'SELECT contact_id FROM conversations WHERE id = $1',
      [conversationId],
    );
    return { contactId, conversationId, email, identifier };
  }

  async function setStatus(conversationId: string, status: string): Promise<void> {
    const res = await admin.patch(`/api/conversations/${conversationId}`).send({ status });
    expect(res.status).toBe(200);
    await drainQueues(t);
  }

  /** Every page of the current list. */
  async function currentList(): Promise<{ items: SuppressionEntryDto[]; since: string }> {
    const items: SuppressionEntryDto[] = [];
    let since: string | null = null;
    let cursor: string | null = null;
    do {
      const res = await supervisor
        .get('/api/marketing/suppressions')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      const page = res.body as SuppressionPageDto;
      since ??= page.since;
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return { items, since: since as string };
  }

  /** Every change after `since`, polled with a small page; answers them and where to poll next. */
  async function changesAfter(since: string) {
    const items: SuppressionEntryDto[] = [];
    let cursor = since;
    for (;;) {
      const res = await supervisor
        .get('/api/marketing/suppressions')
        .query({ since: cursor, limit: 2 });
      expect(res.status).toBe(200);
      const page = res.body as SuppressionPageDto;
      items.push(...page.items);
      expect(page.nextCursor).toEqual(expect.any(String));
      cursor = page.nextCursor as string;
      if (!page.hasMore) return { items, next: cursor };
    }
  }

  const listed = async (contactId: string) =>
    (await currentList()).items.filter((e) => e.contactId === contactId);

  const holdEvents = (contactId: string): Promise<{ name: string; n: number }[]> =>
    t.db.query(
      `SELECT name, count(*)::int AS n FROM outbox_events
        WHERE name LIKE 'contact.hold.%' AND payload->>'contactId' = $1
        GROUP BY name ORDER BY name`,
      [contactId],
    );

  it('lists a contact while their support conversation is open or pending, and releases them once it is resolved', async () => {
    const { since } = await currentList();
    const anna = await customerWrites(serviceChannel);

    const [entry] = await listed(anna.contactId);
    expect(entry).toMatchObject({
      contactId: anna.contactId,
      suppressed: true,
      reason: 'support_open',
      email: anna.email,
    });
    expect(entry.identities).toEqual(
      expect.arrayContaining([
        { kind: 'email', address: anna.email },
        { kind: 'api', address: anna.identifier },
      ]),
    );
    expect(entry.changedAt).toBe(entry.since);
    // The profile shows it to whoever may see the contact.
    const profile = async () =>
      (await agent.get(`/api/contacts/${anna.contactId}`).expect(200)).body as ContactDto;
    expect((await profile()).marketingHold).toEqual({
      since: entry.since,
      conversationIds: [anna.conversationId],
    });

    await setStatus(anna.conversationId, 'pending');
    expect(await listed(anna.contactId)).toEqual([entry]);

    await setStatus(anna.conversationId, 'resolved');
    expect(await listed(anna.contactId)).toEqual([]);
    expect((await profile()).marketingHold).toBeNull();

    const { items, next } = await changesAfter(since);
    const ofAnna = items.filter((e) => e.contactId === anna.contactId);
    expect(ofAnna).toEqual([entry, { ...entry, suppressed: false, changedAt: expect.any(String) }]);
    expect(Date.parse(ofAnna[1].changedAt)).toBeGreaterThan(Date.parse(entry.since));
    // Nothing new: the next poll is empty and keeps its place.
    const again = await supervisor.get('/api/marketing/suppressions').query({ since: next });
    expect(again.body).toEqual({ items: [], nextCursor: next, since: null, hasMore: false });

    expect(await holdEvents(anna.contactId)).toEqual([
      { name: 'contact.hold.ended', n: 1 },
      { name: 'contact.hold.started', n: 1 },
    ]);
  });

  it('holds nothing for a Sales conversation (its team holds none), until the team setting says so', async () => {
    const ben = await customerWrites(salesChannel);
    expect(await listed(ben.contactId)).toEqual([]);
    const holds = await t.db.query('SELECT 1 FROM marketing_holds WHERE contact_id = $1', [
      ben.contactId,
    ]);
    expect(holds).toEqual([]);

    await setPolicy(salesId, 'open');
    expect(await listed(ben.contactId)).toMatchObject([{ suppressed: true }]);

    // Only open ones hold under this setting: pending releases the contact.
    await setStatus(ben.conversationId, 'pending');
    expect(await listed(ben.contactId)).toEqual([]);

    await setPolicy(salesId, 'open_and_pending');
    expect(await listed(ben.contactId)).toMatchObject([{ suppressed: true }]);
    await setPolicy(salesId, 'none');
    expect(await listed(ben.contactId)).toEqual([]);
    expect(await holdEvents(ben.contactId)).toEqual([
      { name: 'contact.hold.ended', n: 2 },
      { name: 'contact.hold.started', n: 2 },
    ]);
  });

  it('follows conversations when contacts are merged, and back when the merge is undone', async () => {
    const [first, second] = [
      await customerWrites(serviceChannel),
      await customerWrites(serviceChannel),
    ];
    const { since } = await currentList();
    const [before] = await listed(first.contactId);

    const merged = await supervisor
      .post(`/api/contacts/${first.contactId}/merge`)
      .send({ otherContactId: second.contactId, basis: 'confirmed_by_staff', note: 'Same person' });
    expect(merged.status).toBe(200);
    await drainQueues(t);
    // One customer now, held by both conversations, since the first hold began.
    expect(await listed(second.contactId)).toEqual([]);
    const [after] = await listed(first.contactId);
    expect(after.since).toBe(before.since);
    const holds = async (contactId: string) =>
      (
        (await t.db.query(
          'SELECT conversation_ids FROM marketing_holds WHERE contact_id = $1 AND ended_at IS NULL',
          [contactId],
        )) as { conversation_ids: string[] }[]
      ).map((h) => [...h.conversation_ids].sort());
    expect(await holds(first.contactId)).toEqual([
      [first.conversationId, second.conversationId].sort(),
    ]);
    expect((await changesAfter(since)).items.map((e) => [e.contactId, e.suppressed])).toEqual([
      [second.contactId, false],
    ]);

    const undo = await supervisor.post(
      `/api/contacts/merges/${(merged.body as ContactMergeDto).id}/undo`,
    );
    expect(undo.status).toBe(200);
    await drainQueues(t);
    expect(await holds(first.contactId)).toEqual([[first.conversationId]]);
    expect(await holds(second.contactId)).toEqual([[second.conversationId]]);
  });

  it('records each start and end once, however often the work is done again', async () => {
    const { since } = await currentList();
    const cleo = await customerWrites(serviceChannel);
    const replay = async () => {
      // The conversation's change announced again (as the outbox relay does after a crash), the
      // recompute delivered twice more, and a sweep.
      await t.db.query(
        `INSERT INTO outbox_events (name, payload, created_at)
         VALUES ('conversation.updated', $1, now() - interval '1 minute')`,
        [JSON.stringify({ conversationId: cleo.conversationId })],
      );
      await t.app.get(DomainEvents).relayPending(0);
      for (let i = 0; i < 2; i++)
        await queue.add(JOBS.recomputeMarketingHolds, { contactIds: [cleo.contactId] });
      await queue.add(JOBS.sweepMarketingHolds, {});
      await drainQueues(t);
    };
    await replay();
    await setStatus(cleo.conversationId, 'resolved');
    await replay();

    const changes = (await changesAfter(since)).items.filter((e) => e.contactId === cleo.contactId);
    expect(changes.map((e) => e.suppressed)).toEqual([true, false]);
    expect(await holdEvents(cleo.contactId)).toEqual([
      { name: 'contact.hold.ended', n: 1 },
      { name: 'contact.hold.started', n: 1 },
    ]);
    const holds: { ended: boolean; conversation_ids: string[] }[] = await t.db.query(
      `SELECT ended_at IS NOT NULL AS ended, conversation_ids FROM marketing_holds
        WHERE contact_id = $1`,
      [cleo.contactId],
    );
    expect(holds).toEqual([{ ended: true, conversation_ids: [cleo.conversationId] }]);
  });

  it('never lets a poll skip a change that commits after a later one was written', async () => {
    const { since } = await currentList();
    // A writer that took the change log's lock and wrote a change, not yet committed.
    const early = new Client({ connectionString: t.config.database.url });
    await early.connect();
    try {
      await early.query('BEGIN');
      await early.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SUPPRESSION_CHANGES_LOCK]);
      const phantom = randomUUID();
      const [{ id: holdId }] = (
        await early.query(
          `INSERT INTO marketing_holds (contact_id, conversation_ids, ended_at)
           VALUES ($1, '{}', now()) RETURNING id`,
          [phantom],
        )
      ).rows as { id: string }[];
      await early.query(
        `INSERT INTO marketing_suppression_changes (contact_id, hold_id, suppressed)
         VALUES ($1, $2, true)`,
        [phantom, holdId],
      );

      // A later hold change waits for it instead of committing first.
      const dora = await postLater(serviceChannel);
      await waitFor('the later change to wait for the change log', async () => {
        const [{ n }]: { n: number }[] = await t.db.query(
          `SELECT count(*)::int AS n FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        );
        return n > 0;
      });
      const during = await changesAfter(since);
      expect(during.items).toEqual([]);

      await early.query('COMMIT');
      await drainQueues(t);
      const contactId = await dora.contactId();
      const after = await changesAfter(during.next);
      expect(after.items.map((e) => e.contactId)).toEqual([phantom, contactId]);
    } finally {
      await early.end();
    }
  });

  /** A customer writes; the hold it causes is left to happen. */
  async function postLater(channel: Channel) {
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    await postApiMessage(t.url, channel, {
      id: randomUUID(),
      contact: { email },
      text: 'Die Lieferung fehlt.',
    }).expect((res) => expect(res.status).toBeLessThan(300));
    return {
      contactId: async () => {
        const conversationId = await waitForConversationOf(t.db, email);
        const [{ contact_id }]: { contact_id: string }[] = await t.db.query(
          'SELECT contact_id FROM conversations WHERE id = $1',
          [conversationId],
        );
        return contact_id;
      },
    };
  }

  it('catches a lost recompute with the sweep, which runs within a minute', async () => {
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: JOBS.sweepMarketingHolds, every: MARKETING_HOLD_SWEEP_MS }),
      ]),
    );
    expect(MARKETING_HOLD_SWEEP_MS).toBeLessThanOrEqual(60_000);

    await queue.pause();
    try {
      const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
      await postApiMessage(t.url, serviceChannel, {
        id: randomUUID(),
        contact: { email },
        text: 'Wo bleibt meine Erstattung?',
      });
      const conversationId = await waitForConversationOf(t.db, email);
      await waitFor('the recompute job', async () =>
        (await queue.getJobs(['wait'])).some((j) => j.name === JOBS.recomputeMarketingHolds),
      );
      // Redis loses it, before any worker took it.
      await queue.drain(true);
      const [{ contact_id: contactId }]: { contact_id: string }[] = await t.db.query(
        'SELECT contact_id FROM conversations WHERE id = $1',
        [conversationId],
      );
      expect(await listed(contactId)).toEqual([]);

      // The sweep's next run.
      await queue.resume();
      await queue.add(JOBS.sweepMarketingHolds, {});
      await drainQueues(t);
      expect(await listed(contactId)).toMatchObject([{ suppressed: true }]);
    } finally {
      await queue.resume();
    }
  });

  it('is for supervisors and admins only, and names a bad cursor or limit', async () => {
    expect((await agent.get('/api/marketing/suppressions')).status).toBe(403);
    expect((await admin.get('/api/marketing/suppressions')).status).toBe(200);

    const bad = async (query: Record<string, string>, field: string) => {
      const res = await supervisor.get('/api/marketing/suppressions').query(query);
      expect(res.status).toBe(400);
      const body = res.body as ApiErrorBody;
      expect(`${body.message} ${JSON.stringify(body.details ?? [])}`).toContain(field);
    };
    await bad({ since: 'yesterday' }, 'since');
    await bad({ cursor: 'page-2' }, 'cursor');
    const { since } = await currentList();
    // A change position is no page cursor.
    await bad({ cursor: since }, 'cursor');
    await bad({ since, cursor: since }, 'cursor');
    await bad({ limit: '0' }, 'limit');
    await bad({ limit: '1001' }, 'limit');
    await bad({ limit: 'ten' }, 'limit');
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await request(t.url).get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<string, { get?: { parameters?: { name: string }[]; description?: string } }>;
    };
    const route = doc.paths['/api/marketing/suppressions']?.get;
    expect(route?.parameters?.map((p) => p.name).sort()).toEqual(['cursor', 'limit', 'since']);
    expect(route?.description).toContain('No change is ever skipped');
  });
});
