import type { CallDetailsDto } from '@touchpoint/shared';
import type { EntityManager } from 'typeorm';
import type { EventBatch } from '../../../core/events/domain-events';
import type {
  CallReport,
  CallReportField,
  NormalizedMessage,
} from '../../channels/channel-adapter';
import type { Channel } from '../../channels/channel.entity';
import type { MessageMetadata } from '../messages/message.entity';

/** A call as far as it is known: its details, its text (the transcript) and how much is known. */
export interface KnownCall {
  call: CallDetailsDto;
  text: string;
  ranks: CallReport;
}

const FIELDS: readonly CallReportField[] = [
  'outcome',
  'durationSeconds',
  'startedAt',
  'recordingUrl',
  'transcript',
];

/**
 * `known` completed by `news`: each field the news knows better (a higher rank) takes its value.
 * Order does not matter, and news merged twice changes nothing. Null when nothing changes.
 */
export function mergeCallNews(known: KnownCall, news: KnownCall): KnownCall | null {
  let merged: KnownCall | null = null;
  for (const field of FIELDS) {
    const rank = news.ranks[field];
    if (rank === undefined || rank <= (known.ranks[field] ?? -Infinity)) continue;
    merged ??= { call: { ...known.call }, text: known.text, ranks: { ...known.ranks } };
    merged.ranks[field] = rank;
    if (field === 'transcript') merged.text = news.text;
    else (merged.call as unknown as Record<string, unknown>)[field] = news.call[field];
  }
  return merged;
}

const knownOf = (message: NormalizedMessage): KnownCall => ({
  call: message.call!,
  text: message.text,
  ranks: message.callReport!,
});

/**
 * Call news (`callReport`) for calls that already have their entry in the channel: each entry is
 * completed in the caller's transaction (rows locked) and announced. News of one call in `items` is
 * merged first. Answers the items to store as they are: messages, and the first news of new calls.
 */
export async function completeCalls<T extends { channel: Channel; message: NormalizedMessage }>(
  m: EntityManager,
  items: T[],
  batch: EventBatch,
): Promise<T[]> {
  if (!items.some((i) => i.message.callReport && i.message.call)) return items;
  const keyOf = (channelId: string, pid: string) => `${channelId} ${pid}`;
  const isNews = (i: T) => Boolean(i.message.callReport && i.message.call);
  // The first item of each call stands for all of its news in `items`.
  const calls = new Map<string, T>();
  const standsFor = new Map<T, string>();
  for (const item of items.filter(isNews)) {
    const key = keyOf(item.channel.id, item.message.providerMessageId);
    const first = calls.get(key);
    if (!first) {
      calls.set(key, item);
      standsFor.set(item, key);
      continue;
    }
    const merged = mergeCallNews(knownOf(first.message), knownOf(item.message));
    if (merged)
      calls.set(key, {
        ...first,
        message: {
          ...first.message,
          call: merged.call,
          text: merged.text,
          callReport: merged.ranks,
        },
      });
  }

  const news = [...calls.values()];
  // Two batches with news of one new call take turns, so the second finds the first one's entry.
  await m.query('SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest($1::text[]) AS k', [
    [...calls.keys()].map((key) => `call:${key}`).sort(),
  ]);
  const rows: {
    id: string;
    conversation_id: string;
    key: string;
    text: string;
    metadata: MessageMetadata;
  }[] = await m.query(
    `SELECT id, conversation_id, channel_id || ' ' || provider_message_id AS key, text, metadata
         FROM messages
        WHERE (channel_id, provider_message_id) IN
              (SELECT * FROM unnest($1::uuid[], $2::varchar[]))
          AND type = 'call'
        ORDER BY id FOR UPDATE`,
    [news.map((i) => i.channel.id), news.map((i) => i.message.providerMessageId)],
  );
  const existing = new Map(rows.map((r) => [r.key, r]));
  const updates: { id: string; conversationId: string; text: string; metadata: MessageMetadata }[] =
    [];
  for (const [key, item] of calls) {
    const row = existing.get(key);
    if (!row) continue;
    const known: KnownCall = {
      call: row.metadata.call as CallDetailsDto,
      text: row.text,
      ranks: row.metadata.callRanks ?? {},
    };
    const merged = mergeCallNews(known, knownOf(item.message));
    if (!merged) continue;
    updates.push({
      id: row.id,
      conversationId: row.conversation_id,
      text: merged.text,
      metadata: { ...row.metadata, call: merged.call, callRanks: merged.ranks },
    });
  }
  if (updates.length) {
    await m.query(
      `UPDATE messages msg SET text = u.text, metadata = u.metadata, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) AS u(id, text, metadata)
        WHERE msg.id = u.id`,
      [
        updates.map((u) => u.id),
        updates.map((u) => u.text),
        updates.map((u) => JSON.stringify(u.metadata)),
      ],
    );
    for (const u of updates)
      batch.add('message.updated', { conversationId: u.conversationId, messageId: u.id });
  }
  // In the given order: messages, and the news of each new call where its first news was.
  return items.flatMap((item) => {
    if (!isNews(item)) return [item];
    const key = standsFor.get(item);
    return key && !existing.has(key) ? [calls.get(key)!] : [];
  });
}
