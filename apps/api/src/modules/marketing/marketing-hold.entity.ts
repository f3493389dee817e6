import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A contact on hold for marketing: from the moment a conversation of theirs began to hold them
 * (by its team's `holdsMarketing`) until none does. At most one running hold per contact (index
 * `marketing_holds_running_key`); ended holds stay as the contact's history. `contactId` has no
 * foreign key: the hold of a contact merged away or erased still ends on record.
 */
@Entity('marketing_holds')
@Index('marketing_holds_contact_idx', ['contactId', 'startedAt'])
export class MarketingHold {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  /** The conversations holding the contact now (while running) or last (once ended), sorted. */
  @Column({ name: 'conversation_ids', type: 'uuid', array: true })
  conversationIds: string[];

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
