import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DomainEvents } from '../../core/events/domain-events';
import { withTimeout } from '../../core/queue/enqueue';
import { HandlesJob, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { SlaTimerService, type SlaTimerData, type SlaTimerOutcome } from './sla-timer.service';

async function fired(outcome: Promise<SlaTimerOutcome>): Promise<SlaTimerOutcome> {
  // Woken before the database's clock reached the moment: the retry's backoff waits it out.
  if ((await outcome) === 'early') throw new Error('The SLA step is not due yet');
  return outcome;
}

/** AT_RISK_SHARE of a conversation's SLA target is used up. */
@Injectable()
@HandlesJob(QUEUES.timers, JOBS.slaRisk)
export class SlaRiskJob implements JobHandler<SlaTimerData, SlaTimerOutcome> {
  constructor(private readonly timers: SlaTimerService) {}

  handle(job: Job<SlaTimerData>): Promise<SlaTimerOutcome> {
    return fired(this.timers.fire(job.data.conversationId, job.data.clock, 'risk'));
  }
}

/** A conversation's SLA target ran out. */
@Injectable()
@HandlesJob(QUEUES.timers, JOBS.slaBreach)
export class SlaBreachJob implements JobHandler<SlaTimerData, SlaTimerOutcome> {
  constructor(private readonly timers: SlaTimerService) {}

  handle(job: Job<SlaTimerData>): Promise<SlaTimerOutcome> {
    return fired(this.timers.fire(job.data.conversationId, job.data.clock, 'breach'));
  }
}

/**
 * Fires the SLA steps whose delayed job Redis lost, puts back lost jobs due soon, and replans the
 * teams whose settings changed without a replan having run since.
 */
@Injectable()
@HandlesJob(QUEUES.maintenance, JOBS.sweepSla, { everyMs: 30_000, attempts: 1 })
export class SweepSlaJob implements JobHandler<unknown, { fired: number; rescheduled: number }> {
  constructor(private readonly timers: SlaTimerService) {}

  async handle(): Promise<{ fired: number; rescheduled: number }> {
    await this.timers.replanChangedTeams();
    return this.timers.sweep();
  }
}

/** A team's hours or policies changed: its open conversations' clocks follow. */
@Injectable()
@HandlesJob(QUEUES.maintenance, JOBS.replanTeamSla)
export class ReplanTeamSlaJob implements JobHandler<{ teamId: string }, number> {
  constructor(private readonly timers: SlaTimerService) {}

  handle(job: Job<{ teamId: string }>): Promise<number> {
    return this.timers.replanTeam(job.data.teamId);
  }
}

/** A team was deleted: the clocks its policies ran for its conversations stop. */
@Injectable()
@HandlesJob(QUEUES.maintenance, JOBS.replanConversationsSla)
export class ReplanConversationsSlaJob implements JobHandler<
  { conversationIds: string[] },
  number
> {
  constructor(private readonly timers: SlaTimerService) {}

  handle(job: Job<{ conversationIds: string[] }>): Promise<number> {
    return this.timers.replanConversations(job.data.conversationIds);
  }
}

/**
 * Schedules the timers of clocks just planned, and replans a team's conversations after its
 * settings changed. Events are relayed at least once; scheduling is idempotent, replanning too.
 */
@Injectable()
export class SlaTimerListener implements OnModuleInit {
  private readonly logger = new Logger('SlaTimer');

  constructor(
    private readonly events: DomainEvents,
    private readonly timers: SlaTimerService,
    @InjectQueue(QUEUES.maintenance) private readonly maintenance: Queue,
  ) {}

  onModuleInit(): void {
    this.events.on('sla.planned', ({ conversationId }) => this.timers.schedule(conversationId));
    this.events.on('team.updated', async ({ teamId }) => {
      try {
        await withTimeout(this.maintenance.add(JOBS.replanTeamSla, { teamId }));
      } catch (err) {
        this.logger.warn(`SLA replan of team ${teamId} not queued: ${(err as Error).message}`);
      }
    });
    this.events.on('team.deleted', async ({ teamId, conversationIds }) => {
      if (!conversationIds.length) return;
      try {
        await withTimeout(
          this.maintenance.add(
            JOBS.replanConversationsSla,
            { conversationIds },
            { jobId: `${teamId}.deleted` },
          ),
        );
      } catch (err) {
        // The clocks still stop: each is planned again before it fires.
        this.logger.warn(
          `SLA clocks of deleted team ${teamId} not queued: ${(err as Error).message}`,
        );
      }
    });
  }
}
