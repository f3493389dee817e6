import { randomUUID } from 'node:crypto';
import { REALTIME_EVENTS } from '@touchpoint/shared';
import type { Socket } from 'socket.io-client';
import { DomainEvents, EventBatch } from '../src/core/events/domain-events';
import { OutboxPurgeJob } from '../src/core/events/outbox.job';
import { TeamsService } from '../src/modules/users/teams.service';
import { makeTeam, makeUser } from './helpers/factories';
import { login } from './helpers/http';
import { once, readyStaff } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

type QueueUpdated = { teamId: string; unassigned: number };

/** `work`, or a failure naming `what` should it still be waiting after a few seconds. */
function bounded<T>(work: Promise<T>, what: string, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(what)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

describe('domain events stored with their change (outbox)', () => {
  let t: TestApp;
  let events: DomainEvents;
  let supervisor: Socket;
  /** Every `team.updated` the listeners heard, by team id. */
  const heard = new Map<string, number>();
  /** Team ids whose `team.updated` listener fails this many more times (a blip while it runs). */
  const failures = new Map<string, number>();
  /** Team ids whose `team.updated` listener waits for the test to let it go. */
  const gates = new Map<
    string,
    { entered: boolean; release: () => void; released: Promise<void> }
  >();

  const rowsOf = (teamId: string): Promise<{ relayed: boolean }[]> =>
    t.db.query(
      `SELECT relayed_at IS NOT NULL AS relayed FROM outbox_events WHERE payload->>'teamId' = $1`,
      [teamId],
    );

  /** Records `team.updated` for a fresh team id and commits, as a process that dies right after. */
  async function commitWithoutPublishing(teamId = randomUUID()): Promise<string> {
    await t.db.transaction(async (m) => {
      await events.record(m, EventBatch.of('team.updated', { teamId }));
    });
    return teamId;
  }

  beforeAll(async () => {
    t = await startTestApp();
    events = t.app.get(DomainEvents);
    events.on('team.updated', async ({ teamId }) => {
      heard.set(teamId, (heard.get(teamId) ?? 0) + 1);
      const left = failures.get(teamId) ?? 0;
      if (left > 0) {
        failures.set(teamId, left - 1);
        throw new Error('the database went away for a moment');
      }
      const gate = gates.get(teamId);
      if (gate) {
        gate.entered = true;
        await gate.released;
      }
    });
    const user = await makeUser(t.db, { role: 'supervisor' });
    supervisor = await readyStaff(t.url, (await login(t.url, user)).accessToken);
  });
  afterAll(async () => {
    supervisor.disconnect();
    await t.close();
  });

  it('publishes after commit and marks the stored event relayed', async () => {
    const teamId = randomUUID();
    const value = await events.transaction(async (_m, batch) => {
      batch.add('team.updated', { teamId });
      // Transient events are published but never stored.
      batch.add('presence.changed', { userId: teamId });
      return 'done';
    });
    expect(value).toBe('done');
    expect(heard.get(teamId)).toBe(1);
    expect(await rowsOf(teamId)).toEqual([{ relayed: true }]);
    const [{ n }]: { n: number }[] = await t.db.query(
      `SELECT count(*)::int AS n FROM outbox_events WHERE payload->>'userId' = $1`,
      [teamId],
    );
    expect(n).toBe(0);
  });

  it('never stores nor publishes an event of a transaction that rolled back', async () => {
    const recorded = randomUUID();
    await expect(
      t.db.transaction(async (m) => {
        await events.record(m, EventBatch.of('team.updated', { teamId: recorded }));
        throw new Error('the change failed after its events were recorded');
      }),
    ).rejects.toThrow('the change failed');
    const helped = randomUUID();
    await expect(
      events.transaction(async (_m, batch) => {
        batch.add('team.updated', { teamId: helped });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    await events.relayPending(0);
    expect(await rowsOf(recorded)).toEqual([]);
    expect(heard.has(recorded)).toBe(false);
    expect(heard.has(helped)).toBe(false);
  });

  it('refuses to record outside a transaction, and a durable event added after recording', async () => {
    await expect(
      events.record(t.db.manager, EventBatch.of('team.updated', { teamId: randomUUID() })),
    ).rejects.toThrow('inside the transaction');
    await t.db.transaction(async (m) => {
      const batch = new EventBatch();
      await events.record(m, batch);
      expect(() => batch.add('team.updated', { teamId: randomUUID() })).toThrow('already recorded');
    });
  });

  it('refuses to publish a durable event that was not stored with its change; live state needs no store', async () => {
    const teamId = randomUUID();
    await expect(events.publish(EventBatch.of('team.updated', { teamId }))).rejects.toThrow(
      'must be recorded in the transaction of their change',
    );
    expect(heard.has(teamId)).toBe(false);
    await expect(
      events.publish(EventBatch.of('presence.changed', { userId: randomUUID() })),
    ).resolves.toBeUndefined();
  });

  it('relays an event committed but never published, to the socket, exactly when the sweep runs', async () => {
    const team = await makeTeam(t.db);
    const other = await makeTeam(t.db);
    const lost: QueueUpdated[] = [];
    const collect = (p: QueueUpdated) => p.teamId === team.id && lost.push(p);
    supervisor.on(REALTIME_EVENTS.queueUpdated, collect);
    try {
      // The process dies between commit and publish.
      await t.db.transaction(async (m) => {
        await events.record(m, EventBatch.of('queue.changed', { teamId: team.id }));
      });
      // A later event reaches the socket; the stored one has not gone out.
      const sentinel = once<QueueUpdated>(
        supervisor,
        REALTIME_EVENTS.queueUpdated,
        (p) => p.teamId === other.id,
      );
      await events.transaction(async (_m, batch) =>
        batch.add('queue.changed', { teamId: other.id }),
      );
      await sentinel;
      expect(lost).toEqual([]);

      expect(await events.relayPending(0)).toBeGreaterThanOrEqual(1);
      await waitFor('the relayed event on the socket', async () => lost.length > 0);
      expect(lost).toEqual([{ teamId: team.id, unassigned: 0 }]);
      const [row]: { relayed: boolean }[] = await t.db.query(
        `SELECT relayed_at IS NOT NULL AS relayed FROM outbox_events WHERE payload->>'teamId' = $1`,
        [team.id],
      );
      expect(row).toEqual({ relayed: true });
      // Relayed once: a second sweep leaves it alone.
      await events.relayPending(0);
    } finally {
      supervisor.off(REALTIME_EVENTS.queueUpdated, collect);
    }
    expect(lost).toHaveLength(1);
  });

  it('relays it through the recurring relay job, with no one calling the sweep', async () => {
    const teamId = await commitWithoutPublishing();
    expect(heard.has(teamId)).toBe(false);
    await waitFor('the relay job to publish the event', async () => heard.get(teamId), 20_000);
    await waitFor('the row marked relayed', async () => (await rowsOf(teamId))[0]?.relayed);
    expect(heard.get(teamId)).toBe(1);
  });

  it('lets two sweepers running at once relay a row only once', async () => {
    const teamId = randomUUID();
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const gate = { entered: false, release, released };
    gates.set(teamId, gate);
    await commitWithoutPublishing(teamId);

    const first = events.relayPending(0);
    try {
      await waitFor('the first sweeper to relay the row', async () => gate.entered);
      // The second one skips the row the first holds, instead of waiting or relaying it again.
      await bounded(events.relayPending(0), 'the second sweeper waited for the first');
      expect(heard.get(teamId)).toBe(1);
      // Publishing it after commit is not held up by the sweeper either.
      const ids: { id: string }[] = await t.db.query(
        `SELECT id FROM outbox_events WHERE payload->>'teamId' = $1`,
        [teamId],
      );
      const late = new EventBatch();
      late.outboxIds.push(...ids.map((r) => r.id));
      expect(late.outboxIds).toHaveLength(1);
      await bounded(events.publish(late), 'publishing waited for the sweeper');
      expect(await rowsOf(teamId)).toEqual([{ relayed: false }]);
    } finally {
      gate.release();
    }
    expect(await first).toBeGreaterThanOrEqual(1);
    expect(heard.get(teamId)).toBe(1);
    expect(await rowsOf(teamId)).toEqual([{ relayed: true }]);
  });

  it('relays an event again when a listener failed, later with each try', async () => {
    const teamId = randomUUID();
    failures.set(teamId, 2);
    await events.transaction(async (_m, batch) => batch.add('team.updated', { teamId }));
    expect(heard.get(teamId)).toBe(1);
    const state = async () =>
      (
        await t.db.query(
          `SELECT relayed_at IS NOT NULL AS relayed, relay_attempts AS attempts,
                  extract(epoch FROM next_relay_at - now()) AS wait
             FROM outbox_events WHERE payload->>'teamId' = $1`,
          [teamId],
        )
      )[0] as { relayed: boolean; attempts: number; wait: number | null };
    // The failed listener leaves the event for the sweeper.
    expect(await state()).toMatchObject({ relayed: false, attempts: 0, wait: null });
    await events.relayPending(0);
    expect(heard.get(teamId)).toBe(2);
    const second = await state();
    expect(second).toMatchObject({ relayed: false, attempts: 1 });
    expect(Number(second.wait)).toBeGreaterThan(0);
    // Not before its time: a sweep now leaves it alone.
    await events.relayPending(0);
    expect(heard.get(teamId)).toBe(2);
    await t.db.query(
      `UPDATE outbox_events SET next_relay_at = now() WHERE payload->>'teamId' = $1`,
      [teamId],
    );
    await events.relayPending(0);
    expect(heard.get(teamId)).toBe(3);
    expect(await state()).toMatchObject({ relayed: true, attempts: 2 });
  });

  it('purges relayed events older than a day, and only those', async () => {
    const [old, recent, stuck] = [randomUUID(), randomUUID(), randomUUID()];
    await t.db.query(
      `INSERT INTO outbox_events (name, payload, created_at, relayed_at) VALUES
         ('team.updated', jsonb_build_object('teamId', $1::text), now() - interval '2 days', now() - interval '2 days'),
         ('team.updated', jsonb_build_object('teamId', $2::text), now() - interval '2 hours', now() - interval '2 hours'),
         ('team.updated', jsonb_build_object('teamId', $3::text), now() - interval '2 days', NULL)`,
      [old, recent, stuck],
    );
    expect((await t.app.get(OutboxPurgeJob).handle()).deleted).toBeGreaterThanOrEqual(1);
    expect(await rowsOf(old)).toEqual([]);
    expect(await rowsOf(recent)).toEqual([{ relayed: true }]);
    // Never relayed: kept for the sweeper, however old.
    expect(await rowsOf(stuck)).toHaveLength(1);
  });

  it('stores a team change with its event', async () => {
    const team = await makeTeam(t.db);
    await t.app.get(TeamsService).update(team.id, { description: 'Angebote und Verträge' });
    expect(heard.get(team.id)).toBe(1);
    expect(await rowsOf(team.id)).toEqual([{ relayed: true }]);
  });
});
