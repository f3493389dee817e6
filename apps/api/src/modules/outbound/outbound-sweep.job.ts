import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ensureJob } from '../../core/queue/ensure-job';
import { HandlesJob, type JobHandler } from '../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../core/queue/queue.constants';
import { forgetUnclaimedDeliveryNews } from '../conversations/conversation-writer';

/**
 * Replies stored but not sent after this long get their delivery job back (Redis was down or lost
 * it). A reply under a live send lease is left to its worker; a job merely waiting is found present.
 */
export const OUTBOUND_SWEEP_AGE_SECONDS = 20;

@Injectable()
@HandlesJob(QUEUES.maintenance, JOBS.sweepOutbound, { everyMs: 15_000 })
export class OutboundSweepJob implements JobHandler<unknown, { requeued: number }> {
  private readonly logger = new Logger('OutboundSweep');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.outbound) private readonly outbound: Queue,
  ) {}

  async handle(): Promise<{ requeued: number }> {
    return this.sweep(OUTBOUND_SWEEP_AGE_SECONDS);
  }

  async sweep(olderThanSeconds: number): Promise<{ requeued: number }> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM messages
       WHERE delivery_status IN ('queued', 'sending') AND type = 'outbound' AND updated_at < now() - make_interval(secs => $1)
         AND (sending_until IS NULL OR sending_until <= now())
       ORDER BY updated_at LIMIT 1000`,
      [olderThanSeconds],
    );
    let requeued = 0;
    for (const { id } of rows) {
      const state = await ensureJob(this.outbound, JOBS.deliverOutbound, { messageId: id }, id);
      if (state !== 'present') requeued++;
    }
    if (requeued) this.logger.log(`Re-enqueued ${requeued} undelivered replies`);
    await forgetUnclaimedDeliveryNews(this.db.manager);
    return { requeued };
  }
}
