import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventBatch } from '../../../core/events/domain-events';
import { keepJourneys } from './journeys';
import { planSlaClocks } from './sla-clocks';
import { recountThread } from './thread-counters';
import { addTimelineEvent } from './timeline';

export interface SplitInput {
  conversationId: string;
  /** The first entry that moves: this message and everything after it in the thread. */
  message: { id: string; seq: number; subject: string | null };
  /** The team whose queue the new conversation waits in, unassigned. */
  team: { id: string; name: string } | null;
  note: string | null;
  actorId: string;
}

/**
 * Splits a conversation in the caller's transaction (its row locked by the caller): the message and
 * every later entry of its timeline move, in their order, into a new conversation of the same
 * contact, waiting unassigned in `team`'s queue; each message ends up in exactly one of the two. Both
 * threads get an event naming the other. The moved entries are numbered from 1 in the new thread;
 * the old thread keeps its seqs and moves to a new timeline epoch, so open clients read it again.
 * Answers the new conversation's id.
 */
export async function splitConversation(
  m: EntityManager,
  input: SplitInput,
  batch: EventBatch,
): Promise<string> {
  const { conversationId, message, team, note, actorId } = input;
  const [from]: {
    contact_id: string;
    subject: string | null;
    priority: string;
    team_id: string | null;
  }[] = await m.query(
    'SELECT contact_id, subject, priority, team_id FROM conversations WHERE id = $1',
    [conversationId],
  );
  const id = randomUUID();
  const subject = message.subject ?? from.subject;
  await m.query(
    `INSERT INTO conversations (id, contact_id, team_id, status, priority, subject, reply_token,
       last_activity_at, channel_kinds, last_seq, journey_entry_team_id)
     VALUES ($1, $2, $3, 'open', $4, $5, $6, now(), '{}', 0, $3)`,
    [
      id,
      from.contact_id,
      team?.id ?? null,
      from.priority,
      subject,
      randomBytes(10).toString('hex'),
    ],
  );
  const [{ moved }]: { moved: number }[] = await m.query(
    `WITH entries AS (
       SELECT id, seq FROM messages WHERE conversation_id = $1 AND seq >= $3
       UNION ALL SELECT id, seq FROM timeline_events WHERE conversation_id = $1 AND seq >= $3
     ), numbered AS (SELECT id, (row_number() OVER (ORDER BY seq))::int AS n FROM entries),
     m AS (UPDATE messages t SET conversation_id = $2, seq = n.n FROM numbered n WHERE t.id = n.id
           RETURNING 1),
     e AS (UPDATE timeline_events t SET conversation_id = $2, seq = n.n FROM numbered n
           WHERE t.id = n.id RETURNING 1)
     SELECT (SELECT count(*) FROM m)::int + (SELECT count(*) FROM e)::int AS moved`,
    [conversationId, id, message.seq],
  );
  await m.query('UPDATE conversations SET last_seq = $2 WHERE id = $1', [id, moved]);
  await m.query(
    'UPDATE conversations SET timeline_epoch = timeline_epoch + 1, updated_at = now() WHERE id = $1',
    [conversationId],
  );
  await recountThread(m, conversationId);
  await recountThread(m, id);
  // A resolution that went with the moved entries no longer makes the old thread's reopening count.
  await keepJourneys(m, [conversationId]);
  await addTimelineEvent(m, id, 'conversation.split_from', actorId, {
    conversation: { id: conversationId, subject: from.subject },
    messageId: message.id,
    team,
    note,
  });
  await addTimelineEvent(m, conversationId, 'conversation.split', actorId, {
    conversation: { id, subject },
    messageId: message.id,
    team,
    note,
  });
  await planSlaClocks(m, [conversationId, id], batch);
  batch.add('conversation.updated', { conversationId });
  batch.add('conversation.updated', { conversationId: id });
  if (team) batch.add('queue.changed', { teamId: team.id });
  batch.add('conversation.split', { conversationId, splitConversationId: id });
  return id;
}
