import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { domainOf, replyTokenOf } from './email-address';

/** The channel an SMTP recipient belongs to. */
export interface MailRoute {
  channelId: string;
  kind: 'email' | 'form';
}

/**
 * Decides which channel receives mail for an address: the channel whose inbox address it is, or, for
 * `reply+<token>@domain`, a channel at that domain when the token is a conversation's. Unknown
 * addresses get no route (the SMTP server answers 550).
 */
@Injectable()
export class EmailRecipientRouter {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async route(recipient: string): Promise<MailRoute | undefined> {
    const address = recipient.trim().toLowerCase();
    // An email channel wins over a form channel answering from the same address.
    const [exact]: MailRoute[] = await this.db.query(
      `SELECT id AS "channelId", kind FROM channels
        WHERE inbox_address = $1 AND enabled AND kind IN ('email', 'form')
        ORDER BY (kind = 'email') DESC, created_at
        LIMIT 1`,
      [address],
    );
    if (exact) return exact;

    // Tokens are lowercase hex; some servers change the case of the local part on the way.
    const token = replyTokenOf(recipient.trim())?.toLowerCase();
    if (!token) return undefined;
    // Prefer the channel the conversation's latest email went out through, then its latest inbound one.
    const [byToken]: MailRoute[] = await this.db.query(
      `WITH conv AS (
         SELECT id, last_inbound_channel_id FROM conversations WHERE reply_token = $1
       ), latest_out AS (
         SELECT m.channel_id FROM messages m
           JOIN channels lc ON lc.id = m.channel_id AND lc.kind IN ('email', 'form')
          WHERE m.conversation_id = (SELECT id FROM conv) AND m.type = 'outbound'
          ORDER BY m.created_at DESC
          LIMIT 1
       )
       SELECT ch.id AS "channelId", ch.kind FROM channels ch
        WHERE EXISTS (SELECT 1 FROM conv)
          AND ch.enabled AND ch.kind IN ('email', 'form')
          AND split_part(ch.inbox_address, '@', 2) = $2
        ORDER BY COALESCE(ch.id = (SELECT channel_id FROM latest_out), false) DESC,
                 COALESCE(ch.id = (SELECT last_inbound_channel_id FROM conv), false) DESC,
                 (ch.kind = 'email') DESC, ch.created_at
        LIMIT 1`,
      [token, domainOf(address)],
    );
    return byToken;
  }
}
