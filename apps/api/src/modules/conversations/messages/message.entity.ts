import type { CallDetailsDto, DeliveryStatus, MessageType } from '@touchpoint/shared';
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
import type { CallReport } from '../../channels/channel-adapter';
import { Channel } from '../../channels/channel.entity';
import { Contact } from '../../contacts/contact.entity';
import { Conversation } from '../conversation.entity';
import { User } from '../../users/user.entity';

/** Email headers kept for threading and provider details of a message. */
export interface MessageMetadata {
  emailMessageId?: string;
  inReplyTo?: string[];
  references?: string[];
  /** Identity the reply went to / the message came from. */
  address?: string;
  /** A note that is a suggested reply, and the reply it became. */
  suggestion?: 'open' | 'sent';
  suggestionSentMessageId?: string;
  /** A call's details (`type: 'call'`). */
  call?: CallDetailsDto;
  /** For call news in pieces: how much is known of each of the call's fields (see `mergeCallNews`). */
  callRanks?: CallReport;
  /** A reply that is an approved template (WhatsApp): which one, and the values of its variables. */
  templateName?: string;
  templateLanguage?: string;
  templateVariables?: string[];
  [key: string]: string | string[] | number | boolean | CallDetailsDto | CallReport | undefined;
}

/**
 * Inbound (from the customer), outbound (a reply), note (internal, never sent) or call (a phone call,
 * never sent). Carries its channel.
 */
@Entity('messages')
@Index('messages_conversation_seq_key', ['conversationId', 'seq'], { unique: true })
@Index('messages_channel_provider_id_key', ['channelId', 'providerMessageId'], {
  unique: true,
  where: 'provider_message_id IS NOT NULL',
})
@Index('messages_client_message_id_key', ['conversationId', 'clientMessageId'], {
  unique: true,
  where: 'client_message_id IS NOT NULL',
})
export class Message {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: Conversation;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 10 })
  type: MessageType;

  @Column({ name: 'channel_id', type: 'uuid', nullable: true })
  channelId: string | null;

  @ManyToOne(() => Channel, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'channel_id' })
  channel?: Channel | null;

  @Column({ name: 'author_user_id', type: 'uuid', nullable: true })
  authorUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'author_user_id' })
  authorUser?: User | null;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId: string | null;

  @ManyToOne(() => Contact, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Contact | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  subject: string | null;

  @Column({ type: 'text', default: '' })
  text: string;

  /** Sanitised HTML without quoted history. */
  @Column({ type: 'text', nullable: true })
  html: string | null;

  /** Quoted history, kept but collapsed in display. */
  @Column({ type: 'text', nullable: true })
  quoted: string | null;

  /** The HTML exactly as received (never rendered). */
  @Column({ name: 'html_original', type: 'text', nullable: true })
  htmlOriginal: string | null;

  /** The customer's text had NUL or unpaired surrogates, stored replaced by U+FFFD. */
  @Column({ name: 'characters_replaced', type: 'boolean', default: false })
  charactersReplaced: boolean;

  @Column({ name: 'provider_message_id', type: 'varchar', length: 500, nullable: true })
  providerMessageId: string | null;

  @Column({ name: 'client_message_id', type: 'uuid', nullable: true })
  clientMessageId: string | null;

  @Column({ name: 'delivery_status', type: 'varchar', length: 10, nullable: true })
  deliveryStatus: DeliveryStatus | null;

  @Column({ name: 'delivery_error', type: 'varchar', length: 1000, nullable: true })
  deliveryError: string | null;

  @Column({ name: 'delivery_attempts', type: 'int', default: 0 })
  deliveryAttempts: number;

  /** While set and in the future, one worker is sending this reply and no other may. */
  @Column({ name: 'sending_until', type: 'timestamptz', nullable: true })
  sendingUntil: Date | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata: MessageMetadata;

  @OneToMany('Attachment', (a: Attachment) => a.message)
  attachments?: Attachment[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A file of a message; the bytes live in the storage backend under `storageKey`. */
@Entity('attachments')
export class Attachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('attachments_message_idx')
  @Column({ name: 'message_id', type: 'uuid' })
  messageId: string;

  @ManyToOne(() => Message, (m) => m.attachments, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: Message;

  @Column({ type: 'varchar', length: 255 })
  filename: string;

  @Column({ name: 'content_type', type: 'varchar', length: 255 })
  contentType: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ name: 'storage_key', type: 'varchar', length: 500 })
  storageKey: string;

  /** `cid:` of an inline email image. */
  @Column({ name: 'content_id', type: 'varchar', length: 255, nullable: true })
  contentId: string | null;

  @Column({ type: 'boolean', default: false })
  inline: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
