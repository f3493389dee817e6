import {
  SEARCH_ENTRIES_PER_CONVERSATION,
  type ListViewer,
  type MessageAuthorDto,
  type MessageType,
  type SearchEntryDto,
  type SearchParams,
  type SearchResultDto,
  uuidSchema,
  type ChannelKind,
} from '@touchpoint/shared';
import { In, type DataSource } from 'typeorm';
import { z } from 'zod';
import { listConditionSql } from '../conversations/conversation-list.query';
import {
  CONVERSATION_RELATIONS,
  toConversationSummary,
} from '../conversations/conversation.mapper';
import { Conversation } from '../conversations/conversation.entity';
import { searchCondition } from './search-condition';
import { InvalidSearchCursorException } from './search.exception';
import { MARK_END, MARK_START, toSnippet } from './search-snippet';

/*
 * Search: the GIN indexes of the stored vectors find the matching messages and contacts, the shared
 * list rule limits them to the conversations the viewer may see, and a keyset pages them, the
 * conversation with the newest match first. Only the page's few messages get a headline.
 */

/** Words of the query in both stemmings the messages are indexed in, either may match. */
const MESSAGE_QUERY = (p: string) =>
  `(websearch_to_tsquery('german'::regconfig, ${p}) || websearch_to_tsquery('english'::regconfig, ${p}))`;
const CONTACT_QUERY = (p: string) => `websearch_to_tsquery('simple'::regconfig, ${p})`;

/** The match time to the microsecond, as PostgreSQL keeps it (a JavaScript date would cut it). */
const CURSOR_AT = `to_char(found.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function encodeCursor(at: string, id: string): string {
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

/** Only what `encodeCursor` writes is accepted: an ISO time and a UUID. */
function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id, ...rest] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (rest.length || !z.iso.datetime().safeParse(at).success || !uuidSchema.safeParse(id).success)
    throw new InvalidSearchCursorException();
  return { at, id };
}

interface FoundRow {
  id: string;
  cursor_at: string;
  match_count: number;
  contact_matched: boolean;
}

/** One page of what `params` finds for `viewer`. */
export async function searchConversations(
  db: DataSource,
  viewer: ListViewer,
  params: SearchParams,
): Promise<SearchResultDto> {
  const sql: Record<string, unknown> = { q: params.q };
  const messageTime: string[] = [];
  const activityTime: string[] = [];
  if (params.from) {
    sql['from'] = params.from;
    messageTime.push('m.created_at >= :from');
    activityTime.push('c.last_activity_at >= :from');
  }
  if (params.to) {
    sql['to'] = params.to;
    messageTime.push('m.created_at < :to');
    activityTime.push('c.last_activity_at < :to');
  }
  const and = (conditions: string[]) => conditions.map((c) => ` AND ${c}`).join('');
  const condition = listConditionSql(searchCondition(params, viewer), sql);
  let keyset = '';
  if (params.cursor) {
    const { at, id } = decodeCursor(params.cursor);
    Object.assign(sql, { cursorAt: at, cursorId: id });
    keyset = ' AND (found.at, c.id) < (:cursorAt::timestamptz, :cursorId::uuid)';
  }
  sql['limit'] = params.limit + 1;
  // A contact found (by its fields or a note on it) counts with its conversations' last activity; a
  // conversation found both ways comes once, with its newest match.
  const [text, values] = db.driver.escapeQueryWithParameters(
    `WITH hits AS (
       SELECT m.conversation_id AS id, max(m.created_at) AS at, count(*)::int AS n, false AS contact
         FROM messages m
        WHERE m.search_vector @@ ${MESSAGE_QUERY(':q')}${and(messageTime)}
        GROUP BY m.conversation_id
       UNION ALL
       SELECT c.id, c.last_activity_at, 0, true
         FROM contacts k JOIN conversations c ON c.contact_id = k.id
        WHERE k.search_vector @@ ${CONTACT_QUERY(':q')}${and(activityTime)}
       UNION ALL
       SELECT c.id, c.last_activity_at, 0, true
         FROM contact_notes note JOIN conversations c ON c.contact_id = note.contact_id
        WHERE note.search_vector @@ ${MESSAGE_QUERY(':q')}${and(activityTime)}
     ), found AS (
       SELECT id, max(at) AS at, sum(n)::int AS n, bool_or(contact) AS contact FROM hits GROUP BY id
     )
     SELECT c.id, ${CURSOR_AT} AS cursor_at, found.n AS match_count, found.contact AS contact_matched
       FROM found
       JOIN conversations c ON c.id = found.id
       JOIN contacts contact ON contact.id = c.contact_id
      WHERE ${condition}${keyset}
      ORDER BY found.at DESC, c.id DESC
      LIMIT :limit`,
    sql,
    {},
  );
  const rows: FoundRow[] = await db.query(text, values);
  const page = rows.slice(0, params.limit);
  if (!page.length) return { items: [], nextCursor: null };

  const ids = page.map((r) => r.id);
  const [conversations, entries] = await Promise.all([
    db
      .getRepository(Conversation)
      .find({ where: { id: In(ids) }, relations: CONVERSATION_RELATIONS }),
    matchingEntries(db, ids, params),
  ]);
  const byId = new Map(conversations.map((c) => [c.id, c]));
  const last = page[page.length - 1];
  return {
    items: page.flatMap((row) => {
      const conversation = byId.get(row.id);
      // Deleted between the two reads: left out rather than shown half.
      if (!conversation) return [];
      return [
        {
          conversation: toConversationSummary(conversation),
          entries: entries.get(row.id) ?? [],
          matchCount: row.match_count,
          contactMatched: row.contact_matched,
        },
      ];
    }),
    nextCursor: rows.length > params.limit ? encodeCursor(last.cursor_at, last.id) : null,
  };
}

interface EntryRow {
  conversation_id: string;
  id: string;
  seq: number;
  type: MessageType;
  suggestion: boolean;
  created_at: Date;
  channel_id: string | null;
  channel_kind: ChannelKind | null;
  channel_name: string | null;
  author_user_id: string | null;
  author_user_name: string | null;
  contact_id: string | null;
  contact_name: string | null;
  address: string | null;
  headline: string;
}

/**
 * The newest matching messages of each conversation, with a headline in the stemming that found
 * more (a German word in a German mail is found by the German one, an English by the English).
 */
async function matchingEntries(
  db: DataSource,
  conversationIds: string[],
  params: SearchParams,
): Promise<Map<string, SearchEntryDto[]>> {
  const options = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
  const marks = (h: string) => `length(${h}) - length(replace(${h}, chr(2), ''))`;
  const rows: EntryRow[] = await db.query(
    `SELECT e.*, CASE WHEN ${marks('e.de')} >= ${marks('e.en')} THEN e.de ELSE e.en END AS headline
       FROM (
         SELECT m.conversation_id, m.id, m.seq, m.type, m.created_at,
                m.metadata ? 'suggestion' AS suggestion, m.metadata->>'address' AS address,
                ch.id AS channel_id, ch.kind AS channel_kind, ch.name AS channel_name,
                u.id AS author_user_id, u.name AS author_user_name,
                k.id AS contact_id, k.name AS contact_name,
                ts_headline('german'::regconfig, m.doc, websearch_to_tsquery('german'::regconfig, $2), $5) AS de,
                ts_headline('english'::regconfig, m.doc, websearch_to_tsquery('english'::regconfig, $2), $5) AS en
           FROM unnest($1::uuid[]) AS p(id)
           CROSS JOIN LATERAL (
             SELECT m.conversation_id, m.id, m.seq, m.type, m.created_at, m.metadata, m.channel_id,
                    m.author_user_id, m.contact_id,
                    translate(left(coalesce(m.subject || E'\\n', '') || m.text, 100000), chr(2) || chr(3), '') AS doc
               FROM messages m
              WHERE m.conversation_id = p.id
                AND m.search_vector @@ ${MESSAGE_QUERY('$2')}
                AND ($3::timestamptz IS NULL OR m.created_at >= $3)
                AND ($4::timestamptz IS NULL OR m.created_at < $4)
              ORDER BY m.seq DESC
              LIMIT ${SEARCH_ENTRIES_PER_CONVERSATION}
           ) m
           LEFT JOIN channels ch ON ch.id = m.channel_id
           LEFT JOIN users u ON u.id = m.author_user_id
           LEFT JOIN contacts k ON k.id = m.contact_id
       ) e
      ORDER BY e.conversation_id, e.seq DESC`,
    [conversationIds, params.q, params.from ?? null, params.to ?? null, options],
  );
  const entries = new Map<string, SearchEntryDto[]>();
  for (const row of rows) {
    const list = entries.get(row.conversation_id) ?? [];
    list.push({
      messageId: row.id,
      seq: row.seq,
      type: row.type,
      suggestion: row.suggestion,
      channel:
        row.channel_id && row.channel_kind
          ? { id: row.channel_id, kind: row.channel_kind, name: row.channel_name ?? '' }
          : null,
      author: authorOf(row),
      createdAt: row.created_at.toISOString(),
      ...toSnippet(row.headline),
    });
    entries.set(row.conversation_id, list);
  }
  return entries;
}

/** As the thread names a message's author (see the message mapper). */
function authorOf(row: EntryRow): MessageAuthorDto {
  const fromContact = row.type === 'inbound' || (row.type === 'call' && !row.author_user_id);
  if (fromContact)
    return {
      type: 'contact',
      id: row.contact_id,
      name: row.contact_name || (row.channel_kind === 'webchat' ? '' : row.address) || '',
    };
  if (row.author_user_id)
    return { type: 'user', id: row.author_user_id, name: row.author_user_name ?? '' };
  return { type: 'system', id: null, name: 'Touchpoint' };
}
