import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import {
  ParticipantAccessService,
  type AccessEndOutcome,
  type EndParticipantAccessData,
} from './participant-access.service';

/** Fires when a participant's access ends: their sockets leave the conversation's room. */
@Injectable()
@HandlesJob(QUEUES.timers, JOBS.endParticipantAccess)
export class EndParticipantAccessJob implements JobHandler<
  EndParticipantAccessData,
  AccessEndOutcome
> {
  constructor(private readonly participants: ParticipantAccessService) {}

  async handle(job: Job<EndParticipantAccessData>): Promise<AccessEndOutcome> {
    const outcome = await this.participants.end(job.data.participantId, job.data.expiresAt);
    // Woken before the database's clock reached the expiry: the retry's backoff waits it out.
    if (outcome === 'early') throw new Error('The access has not ended yet');
    return outcome;
  }
}

/** Ends accesses whose delayed job Redis lost, and puts back lost jobs of accesses ending soon. */
@Injectable()
@HandlesJob(QUEUES.maintenance, JOBS.sweepParticipantAccess, { everyMs: 30_000, attempts: 1 })
export class SweepParticipantAccessJob implements JobHandler<
  unknown,
  { ended: number; rescheduled: number }
> {
  constructor(private readonly participants: ParticipantAccessService) {}

  handle(): Promise<{ ended: number; rescheduled: number }> {
    return this.participants.sweep();
  }
}
