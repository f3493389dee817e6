import type { Queue } from 'bullmq';

/**
 * Makes sure a job with `jobId` will run: adds it if Redis lost it, retries it if it failed for good.
 * Used by sweepers, which find work the database says is unfinished. A failed job the database
 * still calls unfinished ended without its handler deciding so (its workers died under it past the
 * stall limit), so it starts again with all its tries: dead workers do not use up a message's tries.
 * `delay`: a lost delayed job comes back with what is left of its delay.
 */
export async function ensureJob(
  queue: Queue,
  name: string,
  data: object,
  jobId: string,
  delay = 0,
): Promise<'added' | 'retried' | 'present'> {
  const job = await queue.getJob(jobId);
  if (!job) {
    await queue.add(name, data, { jobId, delay });
    return 'added';
  }
  const state = await job.getState();
  if (state === 'failed') {
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return 'retried';
  }
  if (state === 'completed') {
    // Completed but the database still says unfinished: run it again.
    await job.remove();
    await queue.add(name, data, { jobId, delay });
    return 'added';
  }
  return 'present';
}
