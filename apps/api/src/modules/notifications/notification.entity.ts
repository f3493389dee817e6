import type { HandoffKind, NotificationKind } from '@touchpoint/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { User } from '../users/user.entity';

/**
 * What a notification shows of its handoff and conversation. Those entities live in modules
 * that call this one, so they are joined by name and typed only as far as they are read here.
 */
export interface NotifiedHandoff {
  kind: HandoffKind;
  team?: { id: string; name: string } | null;
}
export interface NotifiedConversation {
  contact?: { name: string; email: string | null; phone: string | null } | null;
}

/** One entry of a user's notification centre. */
@Entity('notifications')
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 30 })
  kind: NotificationKind;

  @Column({ name: 'conversation_id', type: 'uuid', nullable: true })
  conversationId: string | null;

  @Column({ name: 'handoff_id', type: 'uuid', nullable: true })
  handoffId: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id' })
  actor?: User | null;

  // By name: the conversation and handoff modules depend on this one, not the other way round.
  @ManyToOne('Conversation', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: NotifiedConversation | null;

  @ManyToOne('Handoff', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'handoff_id' })
  handoff?: NotifiedHandoff | null;

  @Column({ type: 'varchar', length: 1000, default: '' })
  text: string;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
