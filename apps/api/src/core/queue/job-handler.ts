import { SetMetadata } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { QueueName } from './queue.constants';

export const JOB_HANDLER = 'queue:job-handler';

export interface JobHandlerTarget {
  queue: QueueName;
  name: string;
}

/** Marks a provider as the one handler of job `name` on `queue`. Provide it in a worker-only module. */
export const HandlesJob = (queue: QueueName, name: string) =>
  SetMetadata<string, JobHandlerTarget>(JOB_HANDLER, { queue, name });

export interface JobHandler<TData = unknown, TResult = unknown> {
  /** Must be idempotent: BullMQ delivers at least once. The database holds the state; payloads carry ids. */
  handle(job: Job<TData>): Promise<TResult>;
}
