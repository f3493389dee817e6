import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DomainEvents } from '../../core/events/domain-events';
import { withTimeout } from '../../core/queue/enqueue';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { AutoAssignmentService } from './auto-assignment.service';

/**
 * Starts an assignment run when a team's queue changes or one of its members comes online. The run
 * happens in a worker; should Redis swallow the job, the minute sweep catches up.
 */
@Injectable()
export class AutoAssignmentListener implements OnModuleInit {
  private readonly logger = new Logger('AutoAssignment');

  constructor(
    private readonly events: DomainEvents,
    private readonly assignment: AutoAssignmentService,
    @InjectQueue(QUEUES.assignment) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    this.events.on('team.updated', async ({ teamId }) => {
      this.assignment.forgetPolicies();
      // Switched on with conversations already waiting: hand them out now.
      if (await this.assignment.autoAssigns(teamId)) await this.run(teamId);
    });
    this.events.on('queue.changed', async ({ teamId }) => {
      if (await this.assignment.autoAssigns(teamId)) await this.run(teamId);
    });
    this.events.on('presence.changed', async ({ userId }) => {
      for (const teamId of await this.assignment.autoAssigningTeamsOf(userId))
        await this.run(teamId);
    });
  }

  private async run(teamId: string): Promise<void> {
    try {
      await withTimeout(this.queue.add(JOBS.assignTeam, { teamId }));
    } catch (err) {
      this.logger.warn(`Assignment run for team ${teamId} not queued: ${(err as Error).message}`);
    }
  }
}
