import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES } from '../../src/core/queue/queue.constants';
import { InboundDrainService } from '../../src/modules/inbound/inbound-drain.service';
import { waitFor } from './wait';

export interface DrainOptions {
  /**
   * Also wait for delayed jobs due by this time (epoch ms), e.g. a timer that must have fired
   * before the test looks. By default only jobs already due count.
   */
  dueBy?: number;
  ms?: number;
}

/** What still has to run on one queue; empty when nothing does. */
async function pendingOf(queue: Queue, dueBy: number): Promise<string[]> {
  const counts = await queue.getJobCounts('active', 'wait', 'prioritized', 'waiting-children');
  // Strictly before the given time: a job due at `dueBy` itself counts.
  const due = await queue.getDelayedCount(Math.floor(dueBy) + 1);
  return Object.entries({ ...counts, 'delayed and due': due })
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${queue.name} ${state}: ${n}`);
}

/**
 * Inbound events no batch has taken yet, and batches running (they take their work from PostgreSQL,
 * not from a queue).
 */
async function intakeOf(app: INestApplication): Promise<string[]> {
  const [{ n }]: { n: number }[] = await app
    .get(DataSource)
    .query(
      `SELECT count(*)::int AS n FROM inbound_events WHERE status = 'pending' AND attempts = 0`,
    );
  // Processes without workers (ROLE=api) run no batches.
  let busy = false;
  try {
    busy = app.get(InboundDrainService, { strict: false }).busy;
  } catch {
    busy = false;
  }
  return [
    ...(n > 0 ? [`fresh inbound events: ${n}`] : []),
    ...(busy ? ['inbound batch running'] : []),
  ];
}

/**
 * Waits until every queue of the given apps has nothing waiting, active or due, and no inbound event
 * waits for a batch: the work the test started (and the work that work enqueued) is done. Seen idle twice in a row, so a job that hands
 * over to another queue as it finishes is not mistaken for the end.
 */
export async function drainQueues(
  apps: { app: INestApplication } | { app: INestApplication }[],
  { dueBy, ms = 15_000 }: DrainOptions = {},
): Promise<void> {
  const queues = [apps]
    .flat()
    .flatMap(({ app }) => Object.values(QUEUES).map((name) => app.get<Queue>(getQueueToken(name))));
  let idleChecks = 0;
  let pending: string[] = [];
  await waitFor(
    'the queues to drain',
    async () => {
      const horizon = Math.max(Date.now(), dueBy ?? 0);
      pending = (
        await Promise.all([
          ...queues.map((q) => pendingOf(q, horizon)),
          ...[apps].flat().map(({ app }) => intakeOf(app)),
        ])
      ).flat();
      idleChecks = pending.length ? 0 : idleChecks + 1;
      return idleChecks === 2;
    },
    ms,
  ).catch((err: Error) => {
    throw new Error(`${err.message} (left: ${pending.join(', ')})`);
  });
}
