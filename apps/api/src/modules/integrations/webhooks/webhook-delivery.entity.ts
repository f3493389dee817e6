import type { WebhookDeliveryStatus, WebhookEventType, WebhookPayload } from '@touchpoint/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import { WebhookSubscription } from './webhook-subscription.entity';

/**
 * One event for one webhook. Its id is the idempotency key (`webhook-id`), the same on every retry
 * and redelivery; `payload` is the body, fixed when the delivery was created.
 */
@Entity('webhook_deliveries')
@Index('webhook_deliveries_event_key', ['subscriptionId', 'outboxEventId'], { unique: true })
@Index('webhook_deliveries_subscription_idx', ['subscriptionId', 'createdAt'])
export class WebhookDelivery {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId: string;

  @ManyToOne(() => WebhookSubscription, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id' })
  subscription?: WebhookSubscription;

  /** The stored domain event it came from: one delivery per event and webhook. */
  @Column({ name: 'outbox_event_id', type: 'bigint', nullable: true })
  outboxEventId: string | null;

  @Column({ name: 'event_type', type: 'varchar', length: 40 })
  eventType: WebhookEventType;

  @Column({ type: 'jsonb' })
  payload: WebhookPayload;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: WebhookDeliveryStatus;

  /** Every request made, redeliveries included. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Requests since the delivery was created or last redelivered: the retry schedule counts these. */
  @Column({ name: 'round_attempts', type: 'int', default: 0 })
  roundAttempts: number;

  /** While pending: when the next request is due (pushed ahead while one is under way). */
  @Index('webhook_deliveries_due_idx', { where: `"status" = 'pending'` })
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'last_status_code', type: 'int', nullable: true })
  lastStatusCode: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @Column({ name: 'last_duration_ms', type: 'int', nullable: true })
  lastDurationMs: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;
}
