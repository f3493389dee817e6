import type { DefaultJobOptions } from 'bullmq';

/**
 * Every queue and job name. Separate queues keep live intake from waiting behind bulk work; each
 * job name has exactly one handler.
 */
export const QUEUES = {
  /** Housekeeping on a schedule: purging expired tokens and the like. */
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Parallel jobs per worker process and queue. */
export const QUEUE_CONCURRENCY: Record<QueueName, number> = {
  maintenance: 1,
};

export const JOBS = {
  purgeRefreshTokens: 'auth.purge-refresh-tokens',
} as const;

/** Retries, backoff and retention for every job unless a producer has a documented reason to differ. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};
