import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A domain event stored with the change it announces; `relayedAt` is set once its listeners ran.
 * Written and read only by `DomainEvents`.
 */
@Entity('outbox_events')
@Index('outbox_events_pending_idx', ['id'], { where: '"relayed_at" IS NULL' })
@Index('outbox_events_relayed_at_idx', ['relayedAt'], { where: '"relayed_at" IS NOT NULL' })
export class OutboxEvent {
  /** bigint: ordered by insertion, returned by the driver as a string. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'jsonb' })
  payload: object;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true })
  relayedAt: Date | null;
}
