import type { GoalKind } from '@touchpoint/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A target the teams agreed on: a figure (`kind` with its `params`) and the value it should reach. */
@Entity('shared_goals')
@Index('shared_goals_live_idx', ['createdAt'], { where: '"archived_at" IS NULL' })
export class SharedGoal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** In the teams' own words. */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 40 })
  kind: GoalKind;

  /** As `goalDefinitionSchema` gives them for the kind. */
  @Column({ type: 'jsonb', default: {} })
  params: Record<string, unknown>;

  @Column({ type: 'double precision' })
  target: number;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** Set when the goal was removed: it is no longer shown, its row stays. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;
}
