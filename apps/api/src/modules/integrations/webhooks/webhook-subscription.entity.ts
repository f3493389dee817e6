import type { WebhookEventType } from '@touchpoint/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../../users/user.entity';

/** Where to send which events. `secret` signs every request (never shown after create or rotate). */
@Entity('webhook_subscriptions')
export class WebhookSubscription {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description: string;

  /** Event types, or `['*']` for all. */
  @Column({ type: 'varchar', length: 40, array: true })
  events: ('*' | WebhookEventType)[];

  /** `message.created` is also sent for internal notes. */
  @Column({ name: 'include_notes', type: 'boolean', default: false })
  includeNotes: boolean;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** `whsec_<base64 of the key>`. */
  @Column({ type: 'varchar', length: 100, select: false })
  secret: string;

  @Index('webhook_subscriptions_created_by_idx')
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  createdBy?: User | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
