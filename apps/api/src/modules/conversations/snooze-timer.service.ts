import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DomainEvents } from '../../core/events/domain-events';
import { dueJob, restoreDueJobs, scheduleDueJob } from '../../core/queue/due-job';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { wakeFromSnooze, type WakeOutcome } from './conversation-writer';

export interface WakeSnoozedData {
  conversationId: string;
  /** The snooze time (epoch ms) the job was scheduled for. */
  until: number;
}

/** Lost delayed jobs of snoozes ending this soon are put back by the sweep, so they wake on time. */
export const SNOOZE_SWEEP_LOOKAHEAD_SECONDS = 600;

/**
 * Wakes snoozed conversations at their time: a delayed job per snooze (job id = conversation and
 * time, so scheduling twice is one job) opens the conversation again. The database holds the
 * truth; a sweep wakes what Redis forgot.
 */
@Injectable()
export class SnoozeTimerService {
  private readonly logger = new Logger('SnoozeTimer');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.timers) private readonly timers: Queue,
    private readonly events: DomainEvents,
  ) {}

  private static jobOf(conversationId: string, until: number) {
    const data: WakeSnoozedData = { conversationId, until };
    return dueJob(JOBS.wakeSnoozed, conversationId, until, data);
  }

  async schedule(conversationId: string, until: Date): Promise<void> {
    await scheduleDueJob(
      this.timers,
      SnoozeTimerService.jobOf(conversationId, until.getTime()),
      this.logger,
    );
  }

  /** Idempotent: only a conversation still snoozed until `until` (any time if omitted) wakes. */
  async wake(conversationId: string, until?: number): Promise<WakeOutcome> {
    const outcome = await this.events.transaction((m, batch) =>
      wakeFromSnooze(m, conversationId, until === undefined ? null : new Date(until), batch),
    );
    return outcome;
  }

  /** Wakes the snoozes that are due without having woken, and puts back lost jobs of those due soon. */
  async sweep(): Promise<{ woken: number; rescheduled: number }> {
    const due: { id: string }[] = await this.db.query(
      `SELECT id FROM conversations WHERE status = 'snoozed' AND snoozed_until <= now()
       ORDER BY snoozed_until LIMIT 500`,
    );
    let woken = 0;
    for (const { id } of due) if ((await this.wake(id)) === 'woke') woken++;
    const soon: { id: string; snoozed_until: Date }[] = await this.db.query(
      `SELECT id, snoozed_until FROM conversations
       WHERE status = 'snoozed' AND snoozed_until > now()
         AND snoozed_until <= now() + make_interval(secs => $1)
       ORDER BY snoozed_until LIMIT 1000`,
      [SNOOZE_SWEEP_LOOKAHEAD_SECONDS],
    );
    const rescheduled = await restoreDueJobs(
      this.timers,
      soon.map((row) => SnoozeTimerService.jobOf(row.id, row.snoozed_until.getTime())),
    );
    if (woken || rescheduled)
      this.logger.log(`Woke ${woken} snoozed conversations, rescheduled ${rescheduled}`);
    return { woken, rescheduled };
  }
}
