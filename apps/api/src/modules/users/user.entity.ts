import type { Locale, Role } from '@touchpoint/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lowercased; unique. */
  @Index('users_email_key', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** NULL: no usable password (an invitee who has not accepted, or after a reset by an admin). */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true, select: false })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ type: 'varchar', length: 5, default: 'de' })
  locale: Locale;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Their own capacity for automatic assignment, in place of their teams'; null: the teams'. */
  @Column({ name: 'max_open', type: 'int', nullable: true })
  maxOpen: number | null;

  /** Raised to end every session at once; access tokens carry the value they were signed with. */
  @Column({ name: 'session_version', type: 'int', default: 0 })
  sessionVersion: number;

  /** Asked for the weekly summary email (supervisors, touchpoint managers, admins). */
  @Column({ name: 'weekly_summary', type: 'boolean', default: false })
  weeklySummary: boolean;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  /** When the user chose their first password; NULL while an invitation is pending. */
  @Column({ name: 'joined_at', type: 'timestamptz', nullable: true, default: () => 'now()' })
  joinedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
