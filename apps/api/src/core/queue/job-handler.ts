import { SetMetadata } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import type { QueueName } from './queue.constants';

export const JOB_HANDLER = 'queue:job-handler';

/** A job that runs on a schedule: one schedule in Redis, however many workers run. */
export interface JobSchedule {
  everyMs: number;
  /** Attempts per run; a run that is repeated soon anyway may not want retries. */
  attempts?: number;
}

export interface JobHandlerTarget {
  queue: QueueName;
  name: string;
  schedule?: JobSchedule;
}

/**
 * Marks a provider as the one handler of job `name` on `queue`; with `schedule`, the job also runs
 * on its own every so often. Provide it in a worker-only module.
 */
export const HandlesJob = (queue: QueueName, name: string, schedule?: JobSchedule) =>
  SetMetadata<string, JobHandlerTarget>(JOB_HANDLER, { queue, name, schedule });

export interface JobHandler<TData = unknown, TResult = unknown> {
  /**
   * Must be idempotent: BullMQ delivers at least once. The database holds the state; payloads carry
   * ids. `token` is the worker's lock on the job, for handlers that postpone it (`postpone`).
   */
  handle(job: Job<TData>, token?: string): Promise<TResult>;
}

/** Whether this run is the job's last: a failure now is final, not retried. */
export function isLastAttempt(job: Pick<Job, 'attemptsMade' | 'opts'>): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * Puts the running job back to run again after `ms`, without using up one of its attempts: throw
 * the answer from the handler (`throw await postpone(...)`).
 */
export async function postpone(job: Job, token: string | undefined, ms: number): Promise<Error> {
  await job.moveToDelayed(Date.now() + Math.max(0, ms), token);
  return new DelayedError();
}
