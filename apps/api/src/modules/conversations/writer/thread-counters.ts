import type { EntityManager } from 'typeorm';
import { previewOf } from '../conversation.mapper';

/** SQL (alias `m`): a message of the customer's (what waits for an answer). */
const FROM_CUSTOMER = `(m.type = 'inbound' OR (m.type = 'call' AND m.author_user_id IS NULL))`;
/** SQL (alias `m`): staff answered the customer (a reply or a call they logged). */
const FROM_STAFF = `(m.type = 'outbound' OR (m.type = 'call' AND m.author_user_id IS NOT NULL))`;

/**
 * Derives a conversation's thread counters from the messages it holds now, after messages moved in or
 * out (a merge, a split): preview, last activity, the customer's last channel, the channel kinds
 * first used first, and who waits since when (the customer's messages after staff last answered).
 * A resolved conversation keeps nobody waiting. Caller holds the conversation's row lock.
 */
export async function recountThread(m: EntityManager, conversationId: string): Promise<void> {
  const [latest]: { text: string; type: string; created_at: Date }[] = await m.query(
    `SELECT text, type, created_at FROM messages WHERE conversation_id = $1 ORDER BY seq DESC LIMIT 1`,
    [conversationId],
  );
  const [facts]: {
    last_inbound_at: Date | null;
    last_inbound_channel_id: string | null;
    waiting: number;
    waiting_since: Date | null;
    kinds: string[] | null;
  }[] = await m.query(
    `WITH answered AS (
       SELECT COALESCE(max(m.seq), 0) AS seq FROM messages m WHERE m.conversation_id = $1 AND ${FROM_STAFF}
     ), last_in AS (
       SELECT m.created_at, m.channel_id FROM messages m
        WHERE m.conversation_id = $1 AND ${FROM_CUSTOMER} ORDER BY m.seq DESC LIMIT 1
     )
     SELECT (SELECT created_at FROM last_in) AS last_inbound_at,
            (SELECT channel_id FROM last_in) AS last_inbound_channel_id,
            (SELECT count(*)::int FROM messages m, answered a
              WHERE m.conversation_id = $1 AND ${FROM_CUSTOMER} AND m.seq > a.seq) AS waiting,
            (SELECT min(m.created_at) FROM messages m, answered a
              WHERE m.conversation_id = $1 AND ${FROM_CUSTOMER} AND m.seq > a.seq) AS waiting_since,
            (SELECT array_agg(kind ORDER BY first) FROM (
               SELECT ch.kind, min(m.seq) AS first FROM messages m JOIN channels ch ON ch.id = m.channel_id
                WHERE m.conversation_id = $1 GROUP BY ch.kind) k) AS kinds`,
    [conversationId],
  );
  await m.query(
    `UPDATE conversations SET
       preview_text = $2, preview_type = $3,
       last_activity_at = GREATEST(last_activity_at, COALESCE($4, created_at)),
       last_inbound_at = $5, last_inbound_channel_id = $6,
       unread_count = $7,
       waiting_since = CASE WHEN status = 'resolved' THEN NULL ELSE $8::timestamptz END,
       channel_kinds = $9::varchar[], updated_at = now()
     WHERE id = $1`,
    [
      conversationId,
      latest ? previewOf(latest.text) : null,
      latest?.type ?? null,
      latest?.created_at ?? null,
      facts.last_inbound_at,
      facts.last_inbound_channel_id,
      facts.waiting,
      facts.waiting_since,
      facts.kinds ?? [],
    ],
  );
}
