import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IdentityKind } from '@touchpoint/shared';
import type { DataSource } from 'typeorm';

/** Replies a receipt's watermark may cover at most (the newest first). */
const WATERMARK_REPLIES = 200;

/**
 * Messages on channel $1 in the conversations of the contact owning identity ($3 kind, $4 address):
 * found through indexed ids instead of a scan of the channel's messages.
 */
const CUSTOMER_MESSAGES = `contact_identities i
  JOIN conversations c ON c.contact_id = i.contact_id
  JOIN messages m ON m.conversation_id = c.id
  WHERE i.kind = $3 AND i.address = $4 AND m.channel_id = $1`;

/**
 * What the Meta adapters read of what the inbox stored (read-only; the conversations module writes
 * messages): texts a reply or reaction refers to, our own sends, replies a read receipt covers and
 * when a customer last wrote.
 */
@Injectable()
export class MetaStoredMessages {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The text of a message this channel stored under a provider id (received or sent). */
  async textOf(channelId: string, providerMessageId: string): Promise<string | undefined> {
    const [row]: { text: string }[] = await this.db.query(
      'SELECT text FROM messages WHERE channel_id = $1 AND provider_message_id = $2 LIMIT 1',
      [channelId, providerMessageId],
    );
    return row?.text || undefined;
  }

  /**
   * Whether a provider id belongs to a reply sent from here: its first part carries the message's
   * provider id, later parts (a long text, files) are listed in its metadata.
   */
  async isOwnReply(
    channelId: string,
    providerMessageId: string,
    recipient: { kind: IdentityKind; address: string },
  ): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM messages WHERE channel_id = $1 AND type = 'outbound' AND provider_message_id = $2
       UNION ALL
       SELECT 1 FROM ${CUSTOMER_MESSAGES} AND m.type = 'outbound'
          AND m.created_at > now() - interval '7 days' AND m.metadata->'metaMessageIds' ? $2
       LIMIT 1`,
      [channelId, providerMessageId, recipient.kind, recipient.address],
    );
    return rows.length > 0;
  }

  /**
   * Our replies to `address` on this channel that Meta took (a provider id) and that were written
   * before `at`, whose status a receipt of that time moves on. A reply queued before `at` but sent
   * after it could be counted too early; with sends taking well under a second that is rare.
   */
  async repliesBefore(
    channelId: string,
    recipient: { kind: IdentityKind; address: string },
    at: Date,
    status: 'delivered' | 'read',
  ): Promise<{ id: string }[]> {
    return this.db.query(
      `SELECT m.id FROM ${CUSTOMER_MESSAGES}
          AND m.type = 'outbound' AND m.metadata->>'address' = $4
          AND m.provider_message_id IS NOT NULL AND m.created_at <= $2
          AND m.delivery_status = ANY($5::varchar[])
        ORDER BY m.created_at DESC LIMIT ${WATERMARK_REPLIES}`,
      [
        channelId,
        at,
        recipient.kind,
        recipient.address,
        status === 'read' ? ['sent', 'delivered'] : ['sent'],
      ],
    );
  }

  /** When a message of ours with this provider id was written (a receipt naming it covers earlier ones). */
  async writtenAt(channelId: string, providerMessageId: string): Promise<Date | undefined> {
    const [row]: { at: Date }[] = await this.db.query(
      `SELECT created_at AS at FROM messages
        WHERE channel_id = $1 AND type = 'outbound' AND provider_message_id = $2 LIMIT 1`,
      [channelId, providerMessageId],
    );
    return row?.at;
  }

  async hasIdentity(kind: IdentityKind, address: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      'SELECT 1 FROM contact_identities WHERE kind = $1 AND address = $2 LIMIT 1',
      [kind, address],
    );
    return rows.length > 0;
  }

  /** When the contact last wrote on this channel (the time the message was stored). */
  async lastInboundAt(channelId: string, contactId: string): Promise<Date | null> {
    const [row]: { at: Date | null }[] = await this.db.query(
      `SELECT max(m.created_at) AS at FROM conversations c JOIN messages m ON m.conversation_id = c.id
        WHERE c.contact_id = $2 AND m.channel_id = $1 AND m.type = 'inbound'`,
      [channelId, contactId],
    );
    return row?.at ?? null;
  }

  /** The metadata of one message (e.g. the template a reply asks for). */
  async metadataOf(messageId: string): Promise<Record<string, unknown>> {
    const [row]: { metadata: Record<string, unknown> | null }[] = await this.db.query(
      'SELECT metadata FROM messages WHERE id = $1',
      [messageId],
    );
    return row?.metadata ?? {};
  }
}
