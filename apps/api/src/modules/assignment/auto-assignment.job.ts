import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { AutoAssignmentService } from './auto-assignment.service';

/** One team's assignment run. */
@Injectable()
@HandlesJob(QUEUES.assignment, JOBS.assignTeam)
export class AssignTeamJob implements JobHandler<{ teamId: string }, number> {
  constructor(private readonly assignment: AutoAssignmentService) {}

  handle(job: Job<{ teamId: string }>): Promise<number> {
    return this.assignment.assignTeam(job.data.teamId);
  }
}

/**
 * Every minute: teams with waiting conversations get a run, so capacity freed by resolving, a lost
 * job or a missed event never leaves a customer waiting for long.
 */
@Injectable()
@HandlesJob(QUEUES.assignment, JOBS.sweepAssignment, { everyMs: 60_000 })
export class AssignmentSweepJob implements JobHandler<unknown, number> {
  constructor(private readonly assignment: AutoAssignmentService) {}

  async handle(): Promise<number> {
    let assigned = 0;
    for (const teamId of await this.assignment.teamsWithWaitingWork())
      assigned += await this.assignment.assignTeam(teamId);
    return assigned;
  }
}
