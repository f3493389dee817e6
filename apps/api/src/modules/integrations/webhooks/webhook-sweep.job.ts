import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { ensureJob } from '../../../core/queue/ensure-job';
import { HandlesJob, type JobHandler } from '../../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../../core/queue/queue.constants';

/** Pending deliveries this long past their due time get their job back (Redis lost or never had it). */
export const WEBHOOK_SWEEP_GRACE_SECONDS = 15;
/** Delivered requests stay in the log this long; failed ones longer, for the admin to look into. */
export const WEBHOOK_KEEP_DELIVERED_DAYS = 30;
export const WEBHOOK_KEEP_FAILED_DAYS = 90;

/**
 * PostgreSQL is the record of what must still be sent: pending deliveries whose moment has passed
 * without a job in Redis are enqueued again. Old finished deliveries are purged in bounded batches.
 */
@Injectable()
@HandlesJob(QUEUES.maintenance, JOBS.sweepWebhooks, { everyMs: 30_000 })
export class WebhookSweepJob implements JobHandler<unknown, { requeued: number; purged: number }> {
  private readonly logger = new Logger('WebhookSweep');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue,
  ) {}

  async handle(): Promise<{ requeued: number; purged: number }> {
    return { requeued: await this.sweep(WEBHOOK_SWEEP_GRACE_SECONDS), purged: await this.purge() };
  }

  async sweep(graceSeconds: number): Promise<number> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM webhook_deliveries
       WHERE status = 'pending' AND next_attempt_at <= now() - make_interval(secs => $1)
       ORDER BY next_attempt_at LIMIT 1000`,
      [graceSeconds],
    );
    let requeued = 0;
    for (const { id } of rows)
      if ((await ensureJob(this.queue, JOBS.deliverWebhook, { deliveryId: id }, id)) !== 'present')
        requeued++;
    if (requeued) this.logger.log(`Re-enqueued ${requeued} webhook deliveries`);
    return requeued;
  }

  async purge(batchSize = 10_000): Promise<number> {
    let purged = 0;
    for (;;) {
      const [, count]: [unknown[], number] = await this.db.query(
        `DELETE FROM webhook_deliveries WHERE id IN (
           SELECT id FROM webhook_deliveries
           WHERE status <> 'pending' AND created_at < now() - make_interval(days =>
             CASE WHEN status = 'delivered' THEN $1::int ELSE $2::int END)
           LIMIT $3)`,
        [WEBHOOK_KEEP_DELIVERED_DAYS, WEBHOOK_KEEP_FAILED_DAYS, batchSize],
      );
      purged += count;
      if (count < batchSize) return purged;
    }
  }
}
