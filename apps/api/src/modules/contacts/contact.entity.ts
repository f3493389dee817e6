import type {
  ContactAttributes,
  IdentityKind,
  PreferredChannel,
  QuietHours,
} from '@touchpoint/shared';
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

/** A customer. Reached through its identities on every channel. */
@Entity('contacts')
export class Contact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  name: string;

  /** Primary email and phone (E.164), copied from identities for display and search. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  /** A channel kind whose reply channels come first, or `phone` (wants a call); null: none. */
  @Column({ name: 'preferred_channel', type: 'varchar', length: 20, nullable: true })
  preferredChannel: PreferredChannel | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  company: string | null;

  /** Language code answers are written in (de, en-GB). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  language: string | null;

  @Column({ name: 'quiet_hours', type: 'jsonb', nullable: true })
  quietHours: QuietHours | null;

  @Column({ type: 'jsonb', default: {} })
  attributes: ContactAttributes;

  /** Set when the contact's personal data was erased (GDPR); only aggregate numbers remain. */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  /** Set when this contact was merged into another; kept so the merge can be undone. */
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @OneToMany('ContactIdentity', (i: ContactIdentity) => i.contact)
  identities?: ContactIdentity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** (kind, normalised address) of a contact: email lowercased, phone E.164, provider ids as given. Unique per kind. */
@Entity('contact_identities')
@Index('contact_identities_kind_address_key', ['kind', 'address'], { unique: true })
export class ContactIdentity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('contact_identities_contact_idx')
  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @ManyToOne(() => Contact, (c) => c.identities, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact;

  @Column({ type: 'varchar', length: 20 })
  kind: IdentityKind;

  @Column({ type: 'varchar', length: 255 })
  address: string;

  /** Proven by the channel (signed widget identifier, provider-authenticated sender). */
  @Column({ type: 'boolean', default: false })
  verified: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
