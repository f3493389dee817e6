import type { NotificationKind } from '@touchpoint/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { Conversation } from '../conversations/conversation.entity';
import type { Handoff } from '../handoffs/handoff.entity';
import { User } from '../users/user.entity';

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
  conversation?: Conversation | null;

  @ManyToOne('Handoff', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'handoff_id' })
  handoff?: Handoff | null;

  @Column({ type: 'varchar', length: 1000, default: '' })
  text: string;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
