import type { EntityManager } from 'typeorm';
import type { EventBatch } from '../../../core/events/domain-events';
import { planSlaClocks } from './sla-clocks';
import { recountThread } from './thread-counters';
import { addTimelineEvent } from './timeline';

/** The tables whose rows are timeline entries, each with its own (conversation, seq) key. */
const ENTRY_TABLES = { message: 'messages', event: 'timeline_events' } as const;

/** Columns of the merged-away conversation that an undo puts back as they were. */
const SOURCE_RESTORED = [
  'status',
  'owner_id',
  'team_id',
  'priority',
  'subject',
  'snoozed_until',
  'resolved_at',
  'reopened_at',
  'resolution_seconds',
  'waiting_since',
  'unread_count',
  'preview_text',
  'preview_type',
  'last_activity_at',
  'last_inbound_at',
  'last_inbound_channel_id',
  'channel_kinds',
] as const;

/** Thread counters of the target that an undo puts back when no message arrived since the merge. */
const TARGET_RESTORED = [
  'subject',
  'waiting_since',
  'unread_count',
  'preview_text',
  'preview_type',
  'last_activity_at',
  'last_inbound_at',
  'last_inbound_channel_id',
  'channel_kinds',
] as const;

/** The target's status as the merge found it, put back by the undo if the merge had opened it. */
const TARGET_STATUS = [
  'status',
  'resolved_at',
  'reopened_at',
  'resolution_seconds',
  'waiting_since',
] as const;

/** A merge opens a resolved target again when the conversation merged in was not resolved. */
const reopensTarget = (source: Record<string, unknown>, target: Record<string, unknown>) =>
  target.status === 'resolved' && source.status !== 'resolved';

const restoreSql = (columns: readonly string[]) => columns.map((c) => `${c} = r.${c}`).join(', ');

export interface MergeInput {
  targetId: string;
  sourceId: string;
  actorId: string;
}

/**
 * Merges conversation `sourceId` into `targetId` in the caller's transaction, both rows locked by the
 * caller (and the source's waiting handoffs already closed). Every message and timeline entry of both
 * ends in the target once, in the order they happened: by created time, each thread's own order kept
 * (an entry never goes before one that preceded it in its thread), ties by original seq, the
 * target's first. Seqs are handed out anew from 1, so the target's timeline epoch moves on and open
 * clients read it again. The source ends resolved, pointing at the target, its SLA clocks stopped;
 * its active participants may follow the thread into the target. Everything moved is recorded with
 * its original conversation and seq, so `unmergeConversations` restores it exactly.
 */
export async function mergeConversations(
  m: EntityManager,
  { targetId, sourceId, actorId }: MergeInput,
  batch: EventBatch,
): Promise<string> {
  const [[source], [target]]: { state: Record<string, unknown> }[][] = await Promise.all(
    [sourceId, targetId].map((id) =>
      m.query('SELECT to_jsonb(c) AS state FROM conversations c WHERE id = $1', [id]),
    ),
  );
  const [{ id: mergeId }]: { id: string }[] = await m.query(
    `INSERT INTO conversation_merges
       (target_conversation_id, source_conversation_id, merged_by_id, source_state, target_state, target_last_seq)
     VALUES ($1, $2, $3, $4, $5, 0) RETURNING id`,
    [targetId, sourceId, actorId, JSON.stringify(source.state), JSON.stringify(target.state)],
  );
  await m.query(
    `WITH entries AS (
       SELECT 'message' AS kind, id, conversation_id, seq, created_at FROM messages
        WHERE conversation_id IN ($2, $3)
       UNION ALL
       SELECT 'event', id, conversation_id, seq, created_at FROM timeline_events
        WHERE conversation_id IN ($2, $3)
     ), paced AS (
       SELECT *, max(created_at) OVER (PARTITION BY conversation_id ORDER BY seq) AS at FROM entries
     )
     INSERT INTO conversation_merge_entries
       (merge_id, entry_kind, entry_id, original_conversation_id, original_seq, merged_seq)
     SELECT $1, kind, id, conversation_id, seq,
            row_number() OVER (ORDER BY at, seq, conversation_id = $2 DESC)
       FROM paced`,
    [mergeId, targetId, sourceId],
  );
  // Through negative seqs, so no two entries ever share a (conversation, seq) on the way.
  for (const [kind, table] of Object.entries(ENTRY_TABLES)) {
    await m.query(
      `UPDATE ${table} t SET conversation_id = $2, seq = -e.merged_seq
         FROM conversation_merge_entries e
        WHERE e.merge_id = $1 AND e.entry_kind = $3 AND t.id = e.entry_id`,
      [mergeId, targetId, kind],
    );
    await m.query(`UPDATE ${table} SET seq = -seq WHERE conversation_id = $1 AND seq < 0`, [
      targetId,
    ]);
  }
  const [{ n }]: { n: number }[] = await m.query(
    'SELECT count(*)::int AS n FROM conversation_merge_entries WHERE merge_id = $1',
    [mergeId],
  );
  // Specialists working on the source keep following the thread, for as long as they had it.
  const carried: { id: string; expires_at: Date | null }[] = await m.query(
    `INSERT INTO conversation_participants (conversation_id, user_id, via, handoff_id, expires_at)
     SELECT $1, p.user_id, p.via, p.handoff_id, p.expires_at FROM conversation_participants p
      WHERE p.conversation_id = $2 AND (p.expires_at IS NULL OR p.expires_at > now())
        AND p.user_id IS DISTINCT FROM (SELECT owner_id FROM conversations WHERE id = $1)
     ON CONFLICT (conversation_id, user_id) DO NOTHING
     RETURNING id, expires_at`,
    [targetId, sourceId],
  );
  for (const p of carried)
    if (p.expires_at)
      batch.add('participant.expiring', {
        participantId: p.id,
        expiresAt: p.expires_at.toISOString(),
      });
  await m.query(
    `UPDATE conversation_merges SET target_last_seq = $2, participant_ids = $3::uuid[] WHERE id = $1`,
    [mergeId, n, carried.map((p) => p.id)],
  );
  await m.query(
    `UPDATE conversations SET last_seq = $2, timeline_epoch = timeline_epoch + 1,
       subject = COALESCE(subject, (SELECT subject FROM conversations WHERE id = $3))
     WHERE id = $1`,
    [targetId, n, sourceId],
  );
  await m.query(
    `UPDATE conversations SET status = 'resolved', merged_into_id = $2, snoozed_until = NULL,
       resolved_at = now(), resolution_seconds = NULL, waiting_since = NULL, unread_count = 0,
       timeline_epoch = timeline_epoch + 1, updated_at = now()
     WHERE id = $1`,
    [sourceId, targetId],
  );
  // An issue still open does not disappear into a resolved thread: the merged one opens again.
  if (reopensTarget(source.state, target.state)) {
    await m.query(
      `UPDATE conversations SET status = 'open', resolved_at = NULL, resolution_seconds = NULL,
         reopened_at = now() WHERE id = $1`,
      [targetId],
    );
    await addTimelineEvent(m, targetId, 'conversation.reopened', actorId, { from: 'resolved' });
  }
  await recountThread(m, targetId);
  const ref = (state: Record<string, unknown>) => ({ id: state.id, subject: state.subject });
  await addTimelineEvent(m, targetId, 'conversation.merged', actorId, {
    mergeId,
    source: ref(source.state),
  });
  await addTimelineEvent(m, sourceId, 'conversation.merged_into', actorId, {
    mergeId,
    target: ref(target.state),
  });
  await announce(m, [targetId, sourceId], batch);
  batch.add('conversation.merged', {
    conversationId: targetId,
    sourceConversationId: sourceId,
    mergeId,
  });
  return mergeId;
}

export interface UnmergeInput {
  targetId: string;
  mergeId: string;
  actorId: string;
}

/** A merge that may be undone: recorded for `targetId`, not undone yet. */
export interface MergeRecord {
  id: string;
  sourceId: string;
  targetLastSeq: number;
}

/** The merge `mergeId` into `targetId` while it can still be undone, locked; null otherwise. */
export async function lockMergeRecord(
  m: EntityManager,
  targetId: string,
  mergeId: string,
): Promise<(MergeRecord & { undone: boolean }) | null> {
  const [row]: {
    id: string;
    source_conversation_id: string;
    target_last_seq: number;
    undone_at: Date | null;
  }[] = await m.query(
    `SELECT id, source_conversation_id, target_last_seq, undone_at FROM conversation_merges
      WHERE id = $1 AND target_conversation_id = $2 FOR UPDATE`,
    [mergeId, targetId],
  );
  return row
    ? {
        id: row.id,
        sourceId: row.source_conversation_id,
        targetLastSeq: row.target_last_seq,
        undone: row.undone_at !== null,
      }
    : null;
}

/**
 * Whether entries the merge moved have left the target since (split off into another conversation,
 * or merged on with it): then the undo cannot put both threads back as they were.
 */
export async function mergeEntriesMoved(
  m: EntityManager,
  targetId: string,
  mergeId: string,
): Promise<boolean> {
  const [{ moved }]: { moved: boolean }[] = await m.query(
    `SELECT EXISTS (
       SELECT 1 FROM conversation_merge_entries e
         LEFT JOIN messages msg ON e.entry_kind = 'message' AND msg.id = e.entry_id
         LEFT JOIN timeline_events ev ON e.entry_kind = 'event' AND ev.id = e.entry_id
        WHERE e.merge_id = $2
          AND COALESCE(msg.conversation_id, ev.conversation_id) IS DISTINCT FROM $1::uuid) AS moved`,
    [targetId, mergeId],
  );
  return moved;
}

/**
 * Undoes a merge in the caller's transaction (both rows locked by the caller): every entry it moved
 * goes back to its conversation and seq; what the target received since (new messages, events, the
 * merge's own event) stays in the target, after its own entries. The source gets back its status,
 * owner, team and counters as they were; participants the merge carried over leave the target. Both
 * timelines are renumbered, so both epochs move on.
 */
export async function unmergeConversations(
  m: EntityManager,
  { targetId, actorId }: UnmergeInput,
  merge: MergeRecord,
  batch: EventBatch,
): Promise<void> {
  const { id: mergeId, sourceId } = merge;
  const [{ source_state: sourceState, target_state: targetState, participant_ids: carried }]: {
    source_state: Record<string, unknown>;
    target_state: Record<string, unknown> & { last_seq: number };
    participant_ids: string[];
  }[] = await m.query(
    'SELECT source_state, target_state, participant_ids FROM conversation_merges WHERE id = $1',
    [mergeId],
  );
  const targetOwnSeq = targetState.last_seq;
  const [{ arrived }]: { arrived: boolean }[] = await m.query(
    `SELECT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = $1 AND NOT EXISTS (
       SELECT 1 FROM conversation_merge_entries e
        WHERE e.merge_id = $2 AND e.entry_kind = 'message' AND e.entry_id = m.id)) AS arrived`,
    [targetId, mergeId],
  );
  // What the target received since the merge follows its own entries, in the order it came; the
  // recorded entries go back. All through negative seqs, then flipped, as in the merge.
  const since: { id: string; n: number }[] = await m.query(
    `SELECT x.id, (row_number() OVER (ORDER BY x.seq))::int AS n FROM (
       SELECT id, seq FROM messages WHERE conversation_id = $1
       UNION ALL SELECT id, seq FROM timeline_events WHERE conversation_id = $1) x
      WHERE NOT EXISTS (SELECT 1 FROM conversation_merge_entries e
                         WHERE e.merge_id = $2 AND e.entry_id = x.id)`,
    [targetId, mergeId],
  );
  for (const [kind, table] of Object.entries(ENTRY_TABLES)) {
    await m.query(
      `UPDATE ${table} t SET seq = -($2 + s.n)
         FROM unnest($1::uuid[], $3::int[]) AS s(id, n) WHERE t.id = s.id`,
      [since.map((r) => r.id), targetOwnSeq, since.map((r) => r.n)],
    );
    await m.query(
      `UPDATE ${table} t SET conversation_id = e.original_conversation_id, seq = -e.original_seq
         FROM conversation_merge_entries e
        WHERE e.merge_id = $1 AND e.entry_kind = $2 AND t.id = e.entry_id`,
      [mergeId, kind],
    );
    await m.query(`UPDATE ${table} SET seq = -seq WHERE conversation_id IN ($1, $2) AND seq < 0`, [
      targetId,
      sourceId,
    ]);
  }
  const after = since.length;
  await m.query(
    `UPDATE conversations c SET last_seq = $2, timeline_epoch = c.timeline_epoch + 1,
       ${arrived ? 'subject = r.subject' : restoreSql(TARGET_RESTORED)}, updated_at = now()
       FROM jsonb_populate_record(NULL::conversations, $3::jsonb) r WHERE c.id = $1`,
    [targetId, targetOwnSeq + after, JSON.stringify(targetState)],
  );
  if (arrived) await recountThread(m, targetId);
  // Opened again by the merge, left so and nothing new came in: resolved again, as it was.
  if (!arrived && reopensTarget(sourceState, targetState))
    await m.query(
      `UPDATE conversations c SET ${restoreSql(TARGET_STATUS)}
         FROM jsonb_populate_record(NULL::conversations, $2::jsonb) r
        WHERE c.id = $1 AND c.status = 'open'`,
      [targetId, JSON.stringify(targetState)],
    );
  await m.query(
    `UPDATE conversations c SET ${restoreSql(SOURCE_RESTORED)}, merged_into_id = NULL,
       timeline_epoch = c.timeline_epoch + 1, updated_at = now()
       FROM jsonb_populate_record(NULL::conversations, $2::jsonb) r WHERE c.id = $1`,
    [sourceId, JSON.stringify(sourceState)],
  );
  if (carried.length)
    await m.query('DELETE FROM conversation_participants WHERE id = ANY($1::uuid[])', [carried]);
  await m.query(
    'UPDATE conversation_merges SET undone_at = now(), undone_by_id = $2 WHERE id = $1',
    [mergeId, actorId],
  );
  // The merge's event in the target says it was undone, so nobody offers to undo it again.
  await m.query(
    `UPDATE timeline_events SET data = data || jsonb_build_object('undoneAt', now())
      WHERE conversation_id = $1 AND kind = 'conversation.merged' AND data->>'mergeId' = $2`,
    [targetId, mergeId],
  );
  const data = {
    mergeId,
    source: { id: sourceId, subject: sourceState.subject },
    target: { id: targetId, subject: targetState.subject },
  };
  await addTimelineEvent(m, targetId, 'conversation.unmerged', actorId, data);
  await addTimelineEvent(m, sourceId, 'conversation.unmerged', actorId, data);
  await announce(m, [targetId, sourceId], batch);
  batch.add('conversation.unmerged', {
    conversationId: targetId,
    restoredConversationId: sourceId,
    mergeId,
  });
}

/** Clocks follow the new facts; both threads and their queues are announced. */
async function announce(m: EntityManager, ids: string[], batch: EventBatch): Promise<void> {
  await planSlaClocks(m, ids, batch);
  const rows: { id: string; team_id: string | null; owner_id: string | null }[] = await m.query(
    'SELECT id, team_id, owner_id FROM conversations WHERE id = ANY($1::uuid[])',
    [ids],
  );
  for (const r of rows) {
    batch.add('conversation.updated', { conversationId: r.id });
    if (r.team_id && !r.owner_id) batch.add('queue.changed', { teamId: r.team_id });
  }
}
