import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MarketingHold } from './marketing-hold.entity';

/**
 * A contact put on hold for marketing or released, in the order marketing tools read the changes.
 * Ids become visible in their order: every insert holds the change-log lock until its commit.
 */
@Entity('marketing_suppression_changes')
export class SuppressionChange {
  /** bigserial, as a string (the driver's way with bigint). */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @Index('marketing_suppression_changes_hold_idx')
  @Column({ name: 'hold_id', type: 'uuid' })
  holdId: string;

  @ManyToOne(() => MarketingHold, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'hold_id',
    foreignKeyConstraintName: 'marketing_suppression_changes_hold_fk',
  })
  hold?: MarketingHold;

  /** true: the hold began; false: it ended. */
  @Column({ type: 'boolean' })
  suppressed: boolean;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;
}
