import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
  type WebhookPayload,
} from '@touchpoint/shared';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { DomainEvents, type DurableEventMap } from '../../../core/events/domain-events';
import { withTimeout } from '../../../core/queue/enqueue';
import { JOBS, QUEUES } from '../../../core/queue/queue.constants';
import { WebhookPayloadBuilder } from './webhook-payload.builder';
import { WebhookSubscriptionsCache } from './webhook-subscriptions.cache';

/**
 * Turns stored domain events into webhook deliveries: one row per event and matching webhook, with
 * its payload fixed now, and a job to send it. Keyed on the stored event's id, so an event the
 * outbox relays again creates nothing new. A job that cannot be enqueued now is found by the sweep.
 */
@Injectable()
export class WebhookFanoutListener implements OnModuleInit {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue,
    private readonly events: DomainEvents,
    private readonly subscriptions: WebhookSubscriptionsCache,
    private readonly payloads: WebhookPayloadBuilder,
  ) {}

  onModuleInit(): void {
    for (const type of WEBHOOK_EVENT_TYPES)
      this.events.on(type, async (payload, { eventId }) => {
        await this.fanOut(type, payload, eventId);
      });
  }

  async fanOut<K extends WebhookEventType>(
    type: K,
    payload: DurableEventMap[K],
    eventId: string | undefined,
  ): Promise<string[]> {
    if (!eventId) return [];
    const matching = (await this.subscriptions.active()).filter(
      (s) => s.events.includes('*') || s.events.includes(type),
    );
    if (matching.length === 0) return [];
    const { data, note } = await this.payloads.build(type, payload);
    const targets = matching.filter((s) => !note || s.includeNotes);
    if (targets.length === 0) return [];
    const body: WebhookPayload = { type, timestamp: new Date().toISOString(), data };
    // Against the table, not the copy: a webhook switched off or deleted meanwhile gets nothing.
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO webhook_deliveries (id, subscription_id, outbox_event_id, event_type, payload, next_attempt_at)
       SELECT gen_random_uuid(), s.id, $2, $3, $4, now() FROM webhook_subscriptions s
       WHERE s.id = ANY($1::uuid[]) AND s.active
       ON CONFLICT (subscription_id, outbox_event_id) DO NOTHING
       RETURNING id`,
      [targets.map((s) => s.id), eventId, type, JSON.stringify(body)],
    );
    for (const { id } of rows) {
      try {
        await withTimeout(this.queue.add(JOBS.deliverWebhook, { deliveryId: id }, { jobId: id }));
      } catch (err) {
        this.logger.warn(
          `Webhook delivery ${id} not enqueued (the sweep will send it): ${(err as Error).message}`,
        );
      }
    }
    return rows.map((r) => r.id);
  }
}
