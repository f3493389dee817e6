import type { ChannelKind, ConversationPriority } from '@touchpoint/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Team } from '../users/team.entity';

/**
 * Service-level targets of a team's conversations and of the consults to it, for one channel kind
 * and/or priority (null: any). One per (team, channel kind, priority): unique index
 * `sla_policies_team_scope_key` on (team_id, coalesce(channel_kind, ''), coalesce(priority, '')),
 * see the migration; it also serves the lookup by team.
 */
@Entity('sla_policies')
export class SlaPolicy {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: Team;

  @Column({ name: 'channel_kind', type: 'varchar', length: 20, nullable: true })
  channelKind: ChannelKind | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  priority: ConversationPriority | null;

  /** Business seconds; null for no target. */
  @Column({ name: 'first_response_seconds', type: 'int', nullable: true })
  firstResponseSeconds: number | null;

  @Column({ name: 'next_response_seconds', type: 'int', nullable: true })
  nextResponseSeconds: number | null;

  @Column({ name: 'resolution_seconds', type: 'int', nullable: true })
  resolutionSeconds: number | null;

  /** Business seconds of the team's consult targets; null: as the less specific policy, or the team. */
  @Column({ name: 'consult_accept_seconds', type: 'int', nullable: true })
  consultAcceptSeconds: number | null;

  @Column({ name: 'consult_answer_seconds', type: 'int', nullable: true })
  consultAnswerSeconds: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
