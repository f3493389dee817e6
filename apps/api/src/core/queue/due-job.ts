import type { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { withTimeout } from './enqueue';
import { ensureJob } from './ensure-job';

/** A delayed job that acts on one row at a moment the database keeps (an expiry, a wake-up time). */
export interface DueJob<T extends object> {
  name: string;
  data: T;
  /** Row id and due time: scheduling the same moment twice is one job, a new moment a new one. */
  jobId: string;
  delay: number;
}

export function dueJob<T extends object>(
  name: string,
  rowId: string,
  dueAt: number,
  data: T,
): DueJob<T> {
  // The database keeps microseconds: one more millisecond makes sure the moment has passed.
  const delay = Math.max(0, dueAt + 1 - Date.now());
  return { name, data, jobId: `${rowId}.${dueAt}`, delay };
}

/**
 * Schedules a due job without letting an unreachable Redis fail the caller: the row still says
 * what is due, and the owning sweep carries it out or schedules it again.
 */
export async function scheduleDueJob(
  queue: Queue,
  job: DueJob<object>,
  logger: Logger,
): Promise<void> {
  try {
    await withTimeout(queue.add(job.name, job.data, { jobId: job.jobId, delay: job.delay }));
  } catch (err) {
    logger.warn(
      `${job.name} ${job.jobId} not scheduled (the sweep will carry it out): ${(err as Error).message}`,
    );
  }
}

/** For sweeps: puts back the due jobs Redis lost; answers how many had to be added or retried. */
export async function restoreDueJobs(queue: Queue, jobs: DueJob<object>[]): Promise<number> {
  let restored = 0;
  for (const job of jobs)
    if ((await ensureJob(queue, job.name, job.data, job.jobId, job.delay)) !== 'present')
      restored++;
  return restored;
}
