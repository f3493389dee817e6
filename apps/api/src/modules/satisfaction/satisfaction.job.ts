import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import {
  SatisfactionRequestService,
  type RequestCsatData,
  type RequestOutcome,
} from './satisfaction-request.service';

/** Fires at a survey's due time: sends, defers, cancels or skips it. */
@Injectable()
@HandlesJob(QUEUES.timers, JOBS.requestCsat)
export class RequestCsatJob implements JobHandler<RequestCsatData, RequestOutcome> {
  constructor(private readonly requests: SatisfactionRequestService) {}

  async handle(job: Job<RequestCsatData>): Promise<RequestOutcome> {
    const outcome = await this.requests.request(job.data.surveyId, job.data.due);
    // Run before the database's clock reached the time: the retry's backoff waits it out.
    if (outcome === 'early') throw new Error('The survey is not due yet');
    return outcome;
  }
}

/** Carries out due surveys whose delayed job Redis lost, and puts back lost jobs due soon. */
@Injectable()
@HandlesJob(QUEUES.maintenance, JOBS.sweepCsat, { everyMs: 60_000, attempts: 1 })
export class SweepCsatJob implements JobHandler<unknown, { handled: number; rescheduled: number }> {
  constructor(private readonly requests: SatisfactionRequestService) {}

  handle(): Promise<{ handled: number; rescheduled: number }> {
    return this.requests.sweep();
  }
}
