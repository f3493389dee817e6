import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { WebhookEventType } from '@touchpoint/shared';
import { DataSource } from 'typeorm';
import type { DurableEventMap } from '../../../core/events/domain-events';

/** The `data` of a webhook payload, and whether the event is about an internal note. */
export interface BuiltWebhookData {
  data: Record<string, unknown>;
  note: boolean;
}

/**
 * What a webhook is told about an event: the event's ids and a snapshot of what it is about, read
 * when the delivery is created (so every retry sends the same body). A snapshot is null when its
 * row is gone. An erased contact is told by id only: no personal data leaves after an erasure.
 */
@Injectable()
export class WebhookPayloadBuilder {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async build<K extends WebhookEventType>(
    type: K,
    payload: DurableEventMap[K],
  ): Promise<BuiltWebhookData> {
    const ids = payload as Record<string, string>;
    switch (type) {
      case 'conversation.created':
      case 'conversation.updated':
        return {
          data: { ...ids, conversation: await this.conversation(ids.conversationId) },
          note: false,
        };
      case 'message.created': {
        const message = await this.message(ids.messageId);
        return { data: { ...ids, message }, note: message?.type === 'note' };
      }
      case 'handoff.created':
      case 'handoff.updated':
        return { data: { ...ids, handoff: await this.handoff(ids.handoffId) }, note: false };
      case 'contact.updated':
      case 'contact.merged':
      case 'contact.unmerged':
        return { data: { ...ids, contact: await this.contact(ids.contactId) }, note: false };
      default:
        return { data: { ...ids }, note: false };
    }
  }

  private async conversation(id: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.db.query(
      `SELECT id, contact_id AS "contactId", team_id AS "teamId", owner_id AS "ownerId", status,
              priority, subject, created_at AS "createdAt", updated_at AS "updatedAt"
       FROM conversations WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  private async message(id: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.db.query(
      `SELECT m.id, m.conversation_id AS "conversationId", m.seq, m.type, m.channel_id AS "channelId",
              ch.kind AS "channelKind", m.author_user_id AS "authorUserId", m.contact_id AS "contactId",
              m.subject, m.text, m.created_at AS "createdAt",
              COALESCE((SELECT json_agg(json_build_object('name', a.filename, 'contentType', a.content_type, 'size', a.size) ORDER BY a.created_at)
                        FROM attachments a WHERE a.message_id = m.id), '[]') AS attachments
       FROM messages m LEFT JOIN channels ch ON ch.id = m.channel_id WHERE m.id = $1`,
      [id],
    );
    return row ?? null;
  }

  private async handoff(id: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.db.query(
      `SELECT id, conversation_id AS "conversationId", kind, status, note, team_id AS "teamId",
              assignee_id AS "assigneeId", requested_by_id AS "requestedById",
              created_at AS "createdAt", updated_at AS "updatedAt"
       FROM handoffs WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  private async contact(id: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.db.query(
      `SELECT c.id, c.name, c.email, c.phone, c.created_at AS "createdAt", c.updated_at AS "updatedAt",
              COALESCE((SELECT json_agg(json_build_object('kind', i.kind, 'address', i.address) ORDER BY i.created_at)
                        FROM contact_identities i WHERE i.contact_id = c.id), '[]') AS identities
       FROM contacts c WHERE c.id = $1`,
      [id],
    );
    return row ?? null;
  }
}
