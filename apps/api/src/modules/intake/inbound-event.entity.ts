import type { InboundEventStatus } from '@touchpoint/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

/**
 * A raw provider delivery, stored before anything else happens: at-least-once in, exactly-once stored.
 * `payload` holds JSON deliveries, `raw` byte payloads (a MIME message). A JSON delivery jsonb
 * refuses (NUL, unpaired surrogates) is kept exactly as JSON text in `payloadText` instead.
 */
@Entity('inbound_events')
@Index('inbound_events_channel_provider_id_key', ['channelId', 'providerMessageId'], {
  unique: true,
})
@Index('inbound_events_status_created_idx', ['status', 'createdAt'])
@Index('inbound_events_fresh_idx', ['createdAt', 'id'], {
  where: `"status" = 'pending' AND "attempts" = 0`,
})
@Index('inbound_events_tried_idx', ['createdAt', 'id'], {
  where: `"status" = 'pending' AND "attempts" > 0`,
})
export class InboundEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'channel_id', type: 'uuid' })
  channelId: string;

  // By name: channels (whose adapters call intake) sit above this module.
  @ManyToOne('Channel', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel?: { id: string };

  @Column({ name: 'provider_message_id', type: 'varchar', length: 500 })
  providerMessageId: string;

  @Column({ type: 'jsonb', nullable: true })
  payload: unknown;

  @Column({ name: 'payload_text', type: 'text', nullable: true })
  payloadText: string | null;

  @Column({ type: 'bytea', nullable: true })
  raw: Buffer | null;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: InboundEventStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 2000, nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;
}
