import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { HandoffSla, type HandoffTimerData, type SlaOutcome } from './handoff-sla.service';

async function fired(outcome: Promise<SlaOutcome>): Promise<SlaOutcome> {
  // Woken before the database's clock reached the moment: the retry's backoff waits it out.
  if ((await outcome) === 'early') throw new Error('The SLA step is not due yet');
  return outcome;
}

/** Half time of a deadline: whoever must act is reminded, if it still waits for them. */
@Injectable()
@HandlesJob(QUEUES.timers, JOBS.remindHandoff)
export class HandoffRemindJob implements JobHandler<HandoffTimerData, SlaOutcome> {
  constructor(private readonly sla: HandoffSla) {}

  handle(job: Job<HandoffTimerData>): Promise<SlaOutcome> {
    return fired(this.sla.remind(job.data.handoffId, job.data.phase ?? 'accept'));
  }
}

/** A deadline passed: breached, supervisors told; an unaccepted handoff widens to the fallback team. */
@Injectable()
@HandlesJob(QUEUES.timers, JOBS.escalateHandoff)
export class HandoffEscalateJob implements JobHandler<HandoffTimerData, SlaOutcome> {
  constructor(private readonly sla: HandoffSla) {}

  handle(job: Job<HandoffTimerData>): Promise<SlaOutcome> {
    return fired(this.sla.escalate(job.data.handoffId, job.data.phase ?? 'accept'));
  }
}

/** Fires the SLA steps whose delayed job Redis lost, and puts back lost jobs due soon. */
@Injectable()
@HandlesJob(QUEUES.maintenance, JOBS.sweepHandoffSla, { everyMs: 30_000, attempts: 1 })
export class SweepHandoffSlaJob implements JobHandler<
  unknown,
  { fired: number; rescheduled: number }
> {
  constructor(private readonly sla: HandoffSla) {}

  handle(): Promise<{ fired: number; rescheduled: number }> {
    return this.sla.sweep();
  }
}
