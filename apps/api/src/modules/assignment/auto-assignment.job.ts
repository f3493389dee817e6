import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
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
@HandlesJob(QUEUES.assignment, JOBS.sweepAssignment)
export class AssignmentSweepJob implements JobHandler<unknown, number>, OnApplicationBootstrap {
  constructor(
    private readonly assignment: AutoAssignmentService,
    @InjectQueue(QUEUES.assignment) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      JOBS.sweepAssignment,
      { every: 60_000 },
      { name: JOBS.sweepAssignment },
    );
  }

  async handle(): Promise<number> {
    let assigned = 0;
    for (const teamId of await this.assignment.teamsWithWaitingWork())
      assigned += await this.assignment.assignTeam(teamId);
    return assigned;
  }
}
