import type { MarketingHoldPolicy } from '@touchpoint/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { User } from './user.entity';

@Entity('teams')
export class Team {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique case-insensitively (index `teams_name_key` on lower(name), see migration). */
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description: string;

  /** Handoff policy: how soon a consult to this team must be accepted and answered. */
  @Column({ name: 'consult_accept_seconds', type: 'int', default: 900 })
  consultAcceptSeconds: number;

  @Column({ name: 'consult_answer_seconds', type: 'int', default: 7200 })
  consultAnswerSeconds: number;

  /** How long a specialist keeps access after their consult ended. */
  @Column({ name: 'participant_grace_seconds', type: 'int', default: 3600 })
  participantGraceSeconds: number;

  /** Accepted specialists may answer the customer directly (ownership stays). */
  @Column({ name: 'specialists_may_reply', type: 'boolean', default: false })
  specialistsMayReply: boolean;

  /** Team a breached consult is widened to. */
  @Column({ name: 'fallback_team_id', type: 'uuid', nullable: true })
  fallbackTeamId: string | null;

  /** New conversations go round-robin to online members under `maxOpenPerAgent`. */
  @Column({ name: 'auto_assign', type: 'boolean', default: false })
  autoAssign: boolean;

  @Column({ name: 'max_open_per_agent', type: 'int', default: 10 })
  maxOpenPerAgent: number;

  /** The team "Mark as lead" sends leads to unless another is picked; at most one team. */
  @Column({ name: 'receives_leads', type: 'boolean', default: false })
  receivesLeads: boolean;

  /** Which of its conversations put their contact on hold for marketing (open and pending by default). */
  @Column({ name: 'holds_marketing', type: 'varchar', length: 20, default: 'open_and_pending' })
  holdsMarketing: MarketingHoldPolicy;

  @OneToMany('TeamMembership', (m: TeamMembership) => m.team)
  memberships?: TeamMembership[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('team_memberships')
@Index('team_memberships_team_user_key', ['teamId', 'userId'], { unique: true })
export class TeamMembership {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @ManyToOne(() => Team, (t) => t.memberships, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team?: Team;

  @Index('team_memberships_user_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** When automatic assignment last gave this member a conversation of the team (round-robin turn). */
  @Column({ name: 'last_assigned_at', type: 'timestamptz', nullable: true })
  lastAssignedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
