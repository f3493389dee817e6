import type { HandoffKind, HandoffStatus } from '@touchpoint/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Conversation } from '../conversations/conversation.entity';
import { Team } from '../users/team.entity';
import { User } from '../users/user.entity';

/** A request from a conversation to a team or person: consult (pull in, owner stays) or transfer (ownership moves). */
@Entity('handoffs')
export class Handoff {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: Conversation;

  @Column({ type: 'varchar', length: 10 })
  kind: HandoffKind;

  @Column({ type: 'varchar', length: 10, default: 'requested' })
  status: HandoffStatus;

  @Column({ type: 'varchar', length: 2000 })
  note: string;

  /** The team of the asking conversation when it asked; reports count the flow between teams by it. */
  @Column({ name: 'from_team_id', type: 'uuid', nullable: true })
  fromTeamId: string | null;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team?: Team | null;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: User | null;

  @Column({ name: 'requested_by_id', type: 'uuid' })
  requestedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by_id' })
  requestedBy?: User;

  @Column({ name: 'decline_reason', type: 'varchar', length: 1000, nullable: true })
  declineReason: string | null;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  summary: string | null;

  @Column({ name: 'accept_due_at', type: 'timestamptz', nullable: true })
  acceptDueAt: Date | null;

  @Column({ name: 'answer_due_at', type: 'timestamptz', nullable: true })
  answerDueAt: Date | null;

  /**
   * The reminder (half the target) and the at-risk moment (AT_RISK_SHARE of it) of each phase, in
   * the business time of the team asked, as its deadline.
   */
  @Column({ name: 'accept_remind_at', type: 'timestamptz', nullable: true })
  acceptRemindAt: Date | null;

  @Column({ name: 'accept_risk_at', type: 'timestamptz', nullable: true })
  acceptRiskAt: Date | null;

  @Column({ name: 'answer_remind_at', type: 'timestamptz', nullable: true })
  answerRemindAt: Date | null;

  @Column({ name: 'answer_risk_at', type: 'timestamptz', nullable: true })
  answerRiskAt: Date | null;

  /** Carries a sales lead: the note is its qualification (`POST /api/conversations/:id/lead`). */
  @Column({ type: 'boolean', default: false })
  lead: boolean;

  /** Missed a deadline (accept or answer): set by the escalation. */
  @Column({ type: 'boolean', default: false })
  breached: boolean;

  /** When each SLA step fired: each fires once, by its delayed job or by the sweep. */
  @Column({ name: 'accept_reminded_at', type: 'timestamptz', nullable: true })
  acceptRemindedAt: Date | null;

  @Column({ name: 'accept_escalated_at', type: 'timestamptz', nullable: true })
  acceptEscalatedAt: Date | null;

  @Column({ name: 'answer_reminded_at', type: 'timestamptz', nullable: true })
  answerRemindedAt: Date | null;

  @Column({ name: 'answer_escalated_at', type: 'timestamptz', nullable: true })
  answerEscalatedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** When a supervisor last reminded its holder; one nudge per NUDGE_INTERVAL_SECONDS. */
  @Column({ name: 'last_nudged_at', type: 'timestamptz', nullable: true })
  lastNudgedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
