import type { AssistFeature, AssistOutcome } from '@touchpoint/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One call to the model server: who, which conversation and feature, sizes and time; never content. */
@Entity('assist_calls')
export class AssistCall {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ name: 'conversation_id', type: 'uuid', nullable: true })
  conversationId: string | null;

  @Column({ type: 'varchar', length: 40 })
  feature: AssistFeature;

  /** Characters sent to the model (prompt and conversation). */
  @Column({ name: 'input_chars', type: 'int' })
  inputChars: number;

  /** Characters the model answered. */
  @Column({ name: 'output_chars', type: 'int' })
  outputChars: number;

  @Column({ name: 'duration_ms', type: 'int' })
  durationMs: number;

  @Column({ type: 'varchar', length: 20 })
  outcome: AssistOutcome;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
