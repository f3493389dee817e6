import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Conversation } from './conversation.entity';
import { User } from '../users/user.entity';

/** A user pulled into one conversation: sees all of it while `expires_at` is unset or ahead. */
@Entity('conversation_participants')
@Index('conversation_participants_conversation_user_key', ['conversationId', 'userId'], {
  unique: true,
})
export class ConversationParticipant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: Conversation;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 10 })
  via: 'consult' | 'mention';

  @Column({ name: 'handoff_id', type: 'uuid', nullable: true })
  handoffId: string | null;

  @Index('conversation_participants_pending_end_idx', {
    where: '"ended_at" IS NULL OR "ended_at" < "expires_at"',
  })
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  /** When the end of access was carried out (sockets out of the room); set by the access-end job. */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
