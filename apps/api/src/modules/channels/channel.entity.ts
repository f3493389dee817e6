import type { ChannelKind } from '@touchpoint/shared';
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
import { Team } from '../users/team.entity';

/** One configured account of a provider. `config` holds its settings and secrets (never sent to agents). */
@Entity('channels')
export class Channel {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: ChannelKind;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** Team whose queue new conversations of this channel land in. */
  @Index('channels_team_idx')
  @Column({ name: 'team_id', type: 'uuid' })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id' })
  team?: Team;

  @Column({ type: 'jsonb' })
  config: Record<string, unknown>;

  /** Lowercased address the channel receives mail at (email: `address`, form: `replyFrom`), for SMTP routing. */
  @Index('channels_inbox_address_idx')
  @Column({ name: 'inbox_address', type: 'varchar', length: 254, nullable: true })
  inboxAddress: string | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
