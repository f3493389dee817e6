import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import type { WakeOutcome } from './conversation-writer';
import { SnoozeTimerService, type WakeSnoozedData } from './snooze-timer.service';

/** Fires at a snooze's time: the conversation opens again. */
@Injectable()
@HandlesJob(QUEUES.timers, JOBS.wakeSnoozed)
export class WakeSnoozedJob implements JobHandler<WakeSnoozedData, WakeOutcome> {
  constructor(private readonly snooze: SnoozeTimerService) {}

  async handle(job: Job<WakeSnoozedData>): Promise<WakeOutcome> {
    const outcome = await this.snooze.wake(job.data.conversationId, job.data.until);
    // Woken before the database's clock reached the time: the retry's backoff waits it out.
    if (outcome === 'early') throw new Error('The snooze has not ended yet');
    return outcome;
  }
}

/** Wakes snoozed conversations whose delayed job Redis lost, and puts back lost jobs due soon. */
@Injectable()
@HandlesJob(QUEUES.maintenance, JOBS.sweepSnoozed, { everyMs: 30_000, attempts: 1 })
export class SweepSnoozedJob implements JobHandler<
  unknown,
  { woken: number; rescheduled: number }
> {
  constructor(private readonly snooze: SnoozeTimerService) {}

  handle(): Promise<{ woken: number; rescheduled: number }> {
    return this.snooze.sweep();
  }
}
