import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { vacuumQueueTable } from '../../core/database/queue-vacuum';
import { ensureJob } from '../../core/queue/ensure-job';
import { HandlesJob, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';

/**
 * Raw events left to the one-by-one job (a batch claimed them and then failed or died) and still
 * pending this long after arrival get their job back (Redis lost it, or a worker died). Short, so an
 * emptied Redis costs seconds, not minutes: a job that is merely waiting is found present and left
 * alone. Events nobody tried yet are the batches' own, which find them in PostgreSQL.
 */
export const INBOUND_SWEEP_AGE_SECONDS = 15;
/** Rows looked at per query; a run goes on until the backlog is covered or SWEEP_MAX_ROWS is reached. */
const SWEEP_PAGE = 1000;
const SWEEP_MAX_ROWS = 20_000;

/** Gives pending events their job back, and keeps the table's partial indexes lean (`vacuumQueueTable`). */
@Injectable()
@HandlesJob(QUEUES.maintenance, JOBS.sweepInbound, { everyMs: 15_000 })
export class InboundSweepJob implements JobHandler<
  unknown,
  { requeued: number; vacuumed: boolean }
> {
  private readonly logger = new Logger('InboundSweep');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.inbound) private readonly inbound: Queue,
  ) {}

  async handle(): Promise<{ requeued: number; vacuumed: boolean }> {
    const swept = await this.sweep(INBOUND_SWEEP_AGE_SECONDS);
    return { ...swept, vacuumed: await vacuumQueueTable(this.db, 'inbound_events') };
  }

  async sweep(olderThanSeconds: number): Promise<{ requeued: number }> {
    let requeued = 0;
    let after: { created_at: Date; id: string } | null = null;
    for (let seen = 0; seen < SWEEP_MAX_ROWS; seen += SWEEP_PAGE) {
      const rows: { id: string; created_at: Date }[] = await this.db.query(
        `SELECT id, created_at FROM inbound_events
         WHERE status = 'pending' AND attempts > 0 AND created_at < now() - make_interval(secs => $1)
           AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
         ORDER BY created_at, id LIMIT $4`,
        [olderThanSeconds, after?.created_at ?? null, after?.id ?? null, SWEEP_PAGE],
      );
      for (const { id } of rows) {
        if ((await ensureJob(this.inbound, JOBS.processInbound, { eventId: id }, id)) !== 'present')
          requeued++;
      }
      if (rows.length < SWEEP_PAGE) break;
      after = rows[rows.length - 1];
    }
    if (requeued) this.logger.log(`Re-enqueued ${requeued} pending inbound events`);
    return { requeued };
  }
}
