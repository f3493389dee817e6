import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, isLastAttempt, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import {
  WeeklySummaryService,
  type SendWeeklySummaryData,
  type SummaryOutcome,
} from './weekly-summary.service';

/** Sends one planned weekly summary (on the outbound queue, as mail leaving the building). */
@Injectable()
@HandlesJob(QUEUES.outbound, JOBS.sendWeeklySummary)
export class SendWeeklySummaryJob implements JobHandler<SendWeeklySummaryData, SummaryOutcome> {
  constructor(private readonly summaries: WeeklySummaryService) {}

  handle(job: Job<SendWeeklySummaryData>): Promise<SummaryOutcome> {
    return this.summaries.send(job.data.summaryId, isLastAttempt(job));
  }
}

/**
 * Plans the week's summaries once Monday 07:00 has come in the workspace's time zone, and puts back
 * the jobs of unsent ones that Redis lost. Every minute: planning is one idempotent statement.
 */
@Injectable()
@HandlesJob(QUEUES.maintenance, JOBS.sweepWeeklySummaries, { everyMs: 60_000, attempts: 1 })
export class SweepWeeklySummariesJob implements JobHandler<
  unknown,
  { planned: number; restored: number }
> {
  constructor(private readonly summaries: WeeklySummaryService) {}

  handle(): Promise<{ planned: number; restored: number }> {
    return this.summaries.sweep();
  }
}
