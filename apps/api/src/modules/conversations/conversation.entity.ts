import type {
  ChannelKind,
  ConversationPriority,
  ConversationStatus,
  MessageType,
  SlaMetric,
} from '@touchpoint/shared';
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
import { Channel } from '../channels/channel.entity';
import { Contact } from '../contacts/contact.entity';
import { Team } from '../users/team.entity';
import { User } from '../users/user.entity';

/** One customer issue. Messages of any channel of its contact join it while it is not resolved. */
@Entity('conversations')
export class Conversation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('conversations_contact_idx')
  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @ManyToOne(() => Contact, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact;

  @Column({ name: 'team_id', type: 'uuid', nullable: true })
  teamId: string | null;

  @ManyToOne(() => Team, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team?: Team | null;

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'owner_id' })
  owner?: User | null;

  @Column({ type: 'varchar', length: 10, default: 'open' })
  status: ConversationStatus;

  @Column({ type: 'varchar', length: 10, default: 'normal' })
  priority: ConversationPriority;

  @Column({ type: 'varchar', length: 300, nullable: true })
  subject: string | null;

  /** Token of the `reply+<token>@` address: a reply to it lands here even after the conversation was resolved. */
  @Index('conversations_reply_token_key', { unique: true })
  @Column({ name: 'reply_token', type: 'varchar', length: 32 })
  replyToken: string;

  /** Highest timeline seq handed out; bumped under the row lock of each write. */
  @Column({ name: 'last_seq', type: 'int', default: 0 })
  lastSeq: number;

  @Column({ name: 'last_activity_at', type: 'timestamptz' })
  lastActivityAt: Date;

  @Column({ name: 'last_inbound_at', type: 'timestamptz', nullable: true })
  lastInboundAt: Date | null;

  @Column({ name: 'last_inbound_channel_id', type: 'uuid', nullable: true })
  lastInboundChannelId: string | null;

  @ManyToOne(() => Channel, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'last_inbound_channel_id' })
  lastInboundChannel?: Channel | null;

  @Column({ name: 'channel_kinds', type: 'varchar', array: true, default: () => "'{}'" })
  channelKinds: ChannelKind[];

  @Column({ name: 'preview_text', type: 'varchar', length: 300, nullable: true })
  previewText: string | null;

  @Column({ name: 'preview_type', type: 'varchar', length: 10, nullable: true })
  previewType: MessageType | null;

  /** Customer messages since the team last answered. */
  @Column({ name: 'unread_count', type: 'int', default: 0 })
  unreadCount: number;

  @Column({ name: 'snoozed_until', type: 'timestamptz', nullable: true })
  snoozedUntil: Date | null;

  /** Since the customer's first message after staff last answered; null while nobody waits on us. */
  @Column({ name: 'waiting_since', type: 'timestamptz', nullable: true })
  waitingSince: Date | null;

  /** When staff first answered the customer (a reply or a call); the first response target ends there. */
  @Column({ name: 'first_response_at', type: 'timestamptz', nullable: true })
  firstResponseAt: Date | null;

  /** When it was last opened again after being resolved; its resolution target counts from here. */
  @Column({ name: 'reopened_at', type: 'timestamptz', nullable: true })
  reopenedAt: Date | null;

  /** Its most urgent running SLA target (a copy of its clock's, for lists); null without one. */
  @Column({ name: 'sla_metric', type: 'varchar', length: 20, nullable: true })
  slaMetric: SlaMetric | null;

  @Column({ name: 'sla_risk_at', type: 'timestamptz', nullable: true })
  slaRiskAt: Date | null;

  /** Null while the clock stands still (pending, snoozed). */
  @Column({ name: 'sla_due_at', type: 'timestamptz', nullable: true })
  slaDueAt: Date | null;

  @Column({ name: 'sla_breached_at', type: 'timestamptz', nullable: true })
  slaBreachedAt: Date | null;

  /** Business seconds (the team's hours) from its start to the first answer; kept for reports. */
  @Column({ name: 'first_response_seconds', type: 'int', nullable: true })
  firstResponseSeconds: number | null;

  /** Business seconds from its (re)opening to its resolution; null while not resolved. */
  @Column({ name: 'resolution_seconds', type: 'int', nullable: true })
  resolutionSeconds: number | null;

  /** Staff answers to the customer (replies and logged calls): one means a one-touch resolution. */
  @Column({ name: 'replies_count', type: 'int', default: 0 })
  repliesCount: number;

  /** How often it passed from one owner to another (or back to the queue): its bounces. */
  @Column({ name: 'owner_changes', type: 'int', default: 0 })
  ownerChanges: number;

  /** How often the customer wrote through another channel than the time before. */
  @Column({ name: 'channel_switches', type: 'int', default: 0 })
  channelSwitches: number;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  /** When it was first marked as a sales lead (its Lead badge); null: not a lead. */
  @Column({ name: 'lead_at', type: 'timestamptz', nullable: true })
  leadAt: Date | null;

  /** Its workspace labels (ids), first added first; written through the conversation writer. */
  @Column({ name: 'label_ids', type: 'uuid', array: true, default: () => "'{}'" })
  labelIds: string[];

  /** The conversation it was merged into; its customer's later messages go there. */
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  /**
   * Its journey, kept by the conversation writer (`keepJourneys`): the team whose queue it entered
   * first, the teams pulled in by consults and transfers (in the order first asked, each once, the
   * entry team not again) with the seconds until each accepted its first request (null: not yet),
   * and whether it was reopened within JOURNEY_REOPEN_SECONDS of a resolution.
   */
  @Column({ name: 'journey_entry_team_id', type: 'uuid', nullable: true })
  journeyEntryTeamId: string | null;

  @Column({ name: 'journey_team_ids', type: 'uuid', array: true, default: () => "'{}'" })
  journeyTeamIds: string[];

  @Column({ name: 'journey_accept_seconds', type: 'float8', array: true, default: () => "'{}'" })
  journeyAcceptSeconds: (number | null)[];

  @Column({ name: 'journey_reopened', type: 'boolean', default: false })
  journeyReopened: boolean;

  /** Counts renumberings of its timeline (merges, splits); clients holding another epoch reload. */
  @Column({ name: 'timeline_epoch', type: 'int', default: 0 })
  timelineEpoch: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
