import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { OutboundClient, type OutboundResponse } from '../../../core/net/outbound.client';
import { OutboundRefusedError, OutboundUrlError } from '../../../core/net/outbound.errors';
import { retryAfterMs } from '../../../core/net/retry-after';
import { HandlesJob, postpone, type JobHandler } from '../../../core/queue/job-handler';
import { JOBS, QUEUES } from '../../../core/queue/queue.constants';
import { WebhookDelivery } from './webhook-delivery.entity';
import { nextWebhookDelay, WEBHOOK_RETRY_DELAYS_MS, WEBHOOK_TIMEOUT_MS } from './webhook-retry';
import { signWebhook } from './webhook-signature';
import { WebhookSubscription } from './webhook-subscription.entity';

export interface DeliverWebhookData {
  deliveryId: string;
}

/** A request under way holds its delivery this long; a worker that died frees it after that. */
const SEND_LEASE_SECONDS = 60;
/** The receiver's answer is read up to this size (only its status matters). */
const MAX_ANSWER_BYTES = 64 * 1024;

type Outcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'refused'; error: string }
  | { kind: 'failed'; status: number | null; error: string; retryAfterMs?: number };

/**
 * Sends one webhook delivery: a signed POST (Standard Webhooks headers) through the guarded client.
 * 2xx is delivered; any other answer or no answer is retried on the webhook schedule, by putting
 * this same job back (its id is the delivery's, like the `webhook-id` header), then `failed`. An
 * address the outbound policy refuses fails at once with the reason, without retries.
 */
@Injectable()
@HandlesJob(QUEUES.webhooks, JOBS.deliverWebhook)
export class WebhookDeliverJob implements JobHandler<DeliverWebhookData> {
  private readonly logger = new Logger('WebhookDeliver');
  /** Waits between requests; shorter only in tests. */
  retryDelaysMs: readonly number[] = WEBHOOK_RETRY_DELAYS_MS;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly client: OutboundClient,
  ) {}

  async handle(job: Job<DeliverWebhookData>, token?: string): Promise<void> {
    const { deliveryId } = job.data;
    const delivery = await this.db.getRepository(WebhookDelivery).findOne({
      where: { id: deliveryId },
    });
    if (!delivery || delivery.status !== 'pending') return;
    const early = (delivery.nextAttemptAt?.getTime() ?? 0) - Date.now();
    // Brought back before its time (the sweep, a lease still running): wait for the moment.
    if (early > 1000) throw await postpone(job, token, early);
    if (!(await this.claim(deliveryId))) return;

    const subscription = await this.db
      .getRepository(WebhookSubscription)
      .createQueryBuilder('s')
      .addSelect('s.secret')
      .where('s.id = :id', { id: delivery.subscriptionId })
      .getOne();
    if (!subscription) return;
    if (!subscription.active)
      return this.finish(delivery, 'failed', {
        status: null,
        error: 'The webhook was switched off before this was sent',
        durationMs: null,
      });

    const started = Date.now();
    const outcome = await this.send(subscription, delivery);
    const durationMs = Date.now() - started;
    if (outcome.kind === 'delivered')
      return this.finish(delivery, 'delivered', {
        status: outcome.status,
        error: null,
        durationMs,
      });
    if (outcome.kind === 'refused') {
      this.logger.warn(`Webhook delivery ${deliveryId} refused: ${outcome.error}`);
      return this.finish(delivery, 'failed', { status: null, error: outcome.error, durationMs });
    }
    const delay = nextWebhookDelay(
      this.retryDelaysMs,
      delivery.roundAttempts + 1,
      outcome.retryAfterMs,
    );
    if (delay === null)
      return this.finish(delivery, 'failed', {
        status: outcome.status,
        error: outcome.error,
        durationMs,
      });
    await this.db.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, round_attempts = round_attempts + 1,
         next_attempt_at = now() + make_interval(secs => $2), last_status_code = $3,
         last_error = $4, last_duration_ms = $5
       WHERE id = $1 AND status = 'pending'`,
      [deliveryId, delay / 1000, outcome.status, outcome.error.slice(0, 1000), durationMs],
    );
    throw await postpone(job, token, delay);
  }

  /**
   * Takes the delivery for one request: pushes its due time past the request's end, so the sweep
   * leaves it alone meanwhile. False when it is no longer pending or another worker holds it.
   */
  private async claim(deliveryId: string): Promise<boolean> {
    const [rows]: [{ id: string }[], number] = await this.db.query(
      `UPDATE webhook_deliveries SET next_attempt_at = now() + make_interval(secs => $2)
       WHERE id = $1 AND status = 'pending'
         AND (next_attempt_at IS NULL OR next_attempt_at <= now() + interval '1 second')
       RETURNING id`,
      [deliveryId, SEND_LEASE_SECONDS],
    );
    return rows.length > 0;
  }

  private async send(
    subscription: WebhookSubscription,
    delivery: WebhookDelivery,
  ): Promise<Outcome> {
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(Date.now() / 1000);
    let res: OutboundResponse;
    try {
      res = await this.client.request(subscription.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Touchpoint-Webhooks/1',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(subscription.secret, delivery.id, timestamp, body),
          'x-touchpoint-event': delivery.eventType,
        },
        body,
        timeoutMs: WEBHOOK_TIMEOUT_MS,
        maxBytes: MAX_ANSWER_BYTES,
      });
    } catch (err) {
      const error = err as Error;
      if (error instanceof OutboundRefusedError || error instanceof OutboundUrlError)
        return { kind: 'refused', error: `Not sent: ${error.message}` };
      return { kind: 'failed', status: null, error: error.message || 'the request failed' };
    }
    if (res.ok) return { kind: 'delivered', status: res.status };
    return {
      kind: 'failed',
      status: res.status,
      error: `Answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`,
      retryAfterMs: retryAfterMs(res.headers['retry-after']),
    };
  }

  private async finish(
    delivery: WebhookDelivery,
    status: 'delivered' | 'failed',
    last: { status: number | null; error: string | null; durationMs: number | null },
  ): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries SET status = $2::varchar, attempts = attempts + $6,
         round_attempts = round_attempts + $6, next_attempt_at = NULL, last_status_code = $3,
         last_error = $4, last_duration_ms = $5,
         delivered_at = CASE WHEN $2::varchar = 'delivered' THEN now() ELSE delivered_at END
       WHERE id = $1 AND status = 'pending'`,
      [
        delivery.id,
        status,
        last.status,
        last.error?.slice(0, 1000) ?? null,
        last.durationMs,
        last.durationMs === null ? 0 : 1,
      ],
    );
  }
}
