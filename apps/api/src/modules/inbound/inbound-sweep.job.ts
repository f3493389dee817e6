import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ensureJob } from '../../core/queue/ensure-job';
import { HandlesJob, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';

/** Raw events still pending this long after arrival are enqueued again (Redis lost them, or a worker died). */
export const INBOUND_SWEEP_AGE_SECONDS = 60;

@Injectable()
@HandlesJob(QUEUES.maintenance, JOBS.sweepInbound, { everyMs: 60_000 })
export class InboundSweepJob implements JobHandler<unknown, { requeued: number }> {
  private readonly logger = new Logger('InboundSweep');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.inbound) private readonly inbound: Queue,
  ) {}

  async handle(): Promise<{ requeued: number }> {
    return this.sweep(INBOUND_SWEEP_AGE_SECONDS);
  }

  async sweep(olderThanSeconds: number): Promise<{ requeued: number }> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM inbound_events WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1)
       ORDER BY created_at LIMIT 1000`,
      [olderThanSeconds],
    );
    let requeued = 0;
    for (const { id } of rows) {
      if ((await ensureJob(this.inbound, JOBS.processInbound, { eventId: id }, id)) !== 'present')
        requeued++;
    }
    if (requeued) this.logger.log(`Re-enqueued ${requeued} pending inbound events`);
    return { requeued };
  }
}
