import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { HandoffsService } from './handoffs.service';

interface HandoffTimerData {
  handoffId: string;
}

/** Fires at half the acceptance window: reminds the team again if nobody accepted. */
@Injectable()
@HandlesJob(QUEUES.timers, JOBS.remindHandoff)
export class HandoffRemindJob implements JobHandler<HandoffTimerData, boolean> {
  constructor(private readonly handoffs: HandoffsService) {}

  handle(job: Job<HandoffTimerData>): Promise<boolean> {
    return this.handoffs.remind(job.data.handoffId);
  }
}

/** Fires at the end of the acceptance window: breached, supervisors told, widened to the fallback team. */
@Injectable()
@HandlesJob(QUEUES.timers, JOBS.escalateHandoff)
export class HandoffEscalateJob implements JobHandler<HandoffTimerData, boolean> {
  constructor(private readonly handoffs: HandoffsService) {}

  handle(job: Job<HandoffTimerData>): Promise<boolean> {
    return this.handoffs.escalate(job.data.handoffId);
  }
}
