import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ChannelKind, Locale, MessageType } from '@touchpoint/shared';
import { DataSource } from 'typeorm';

/** One message of the conversation as the model sees it. */
export interface TranscriptEntry {
  type: MessageType;
  at: Date;
  /** The staff member who wrote it, for replies and notes. */
  author: string | null;
  channelKind: ChannelKind | null;
  text: string;
}

/** The conversation at hand, and nothing else, read for one assist call. */
export interface AssistContext {
  conversationId: string;
  subject: string | null;
  teamId: string | null;
  contact: { name: string | null; language: string | null };
  /** The channel the customer last wrote on. */
  lastInboundChannelKind: ChannelKind | null;
  /** Newest first, at most `MAX_ENTRIES`; notes only when asked for. */
  entries: TranscriptEntry[];
}

/** Messages read for one call: the prompt budget keeps fewer. */
const MAX_ENTRIES = 300;

/** Reads what the model may see of one conversation (access is checked before). */
@Injectable()
export class AssistContextQuery {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async load(conversationId: string, opts: { withNotes: boolean }): Promise<AssistContext> {
    const [c]: {
      subject: string | null;
      team_id: string | null;
      contact_name: string | null;
      language: string | null;
      channel_kind: ChannelKind | null;
    }[] = await this.db.query(
      `SELECT c.subject, c.team_id, k.name AS contact_name, k.language, ch.kind AS channel_kind
         FROM conversations c
         LEFT JOIN contacts k ON k.id = c.contact_id
         LEFT JOIN channels ch ON ch.id = c.last_inbound_channel_id
        WHERE c.id = $1`,
      [conversationId],
    );
    const rows: {
      type: MessageType;
      text: string;
      created_at: Date;
      author: string | null;
      channel_kind: ChannelKind | null;
    }[] = await this.db.query(
      `SELECT m.type, m.text, m.created_at, u.name AS author, ch.kind AS channel_kind
         FROM messages m
         LEFT JOIN users u ON u.id = m.author_user_id
         LEFT JOIN channels ch ON ch.id = m.channel_id
        WHERE m.conversation_id = $1 AND ($2 OR m.type <> 'note')
        ORDER BY m.seq DESC
        LIMIT ${MAX_ENTRIES}`,
      [conversationId, opts.withNotes],
    );
    return {
      conversationId,
      subject: c?.subject ?? null,
      teamId: c?.team_id ?? null,
      contact: { name: c?.contact_name ?? null, language: c?.language ?? null },
      lastInboundChannelKind: c?.channel_kind ?? null,
      entries: rows.map((r) => ({
        type: r.type,
        at: r.created_at,
        author: r.author,
        channelKind: r.channel_kind,
        text: r.text,
      })),
    };
  }

  /** One message of the conversation, or null when it is not part of it. */
  async message(
    conversationId: string,
    messageId: string,
  ): Promise<{ type: MessageType; text: string } | null> {
    const [row]: { type: MessageType; text: string }[] = await this.db.query(
      'SELECT type, text FROM messages WHERE id = $1 AND conversation_id = $2',
      [messageId, conversationId],
    );
    return row ?? null;
  }

  async channelKind(channelId: string): Promise<ChannelKind | null> {
    const [row]: { kind: ChannelKind }[] = await this.db.query(
      'SELECT kind FROM channels WHERE id = $1',
      [channelId],
    );
    return row?.kind ?? null;
  }

  async localeOf(userId: string): Promise<Locale> {
    const [row]: { locale: Locale }[] = await this.db.query(
      'SELECT locale FROM users WHERE id = $1',
      [userId],
    );
    return row?.locale ?? 'en';
  }

  /** Every team but `exceptId` (the conversation's own), with what it does. */
  async teams(
    exceptId: string | null,
  ): Promise<{ id: string; name: string; description: string }[]> {
    return this.db.query(
      `SELECT id, name, description FROM teams WHERE $1::uuid IS NULL OR id <> $1 ORDER BY name`,
      [exceptId],
    );
  }
}
