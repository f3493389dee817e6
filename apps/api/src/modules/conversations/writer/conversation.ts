import { randomBytes } from 'node:crypto';
import type { ConversationPriority, ConversationStatus } from '@touchpoint/shared';
import { MoreThan, type EntityManager } from 'typeorm';
import type { EventBatch } from '../../../core/events/domain-events';
import { Conversation } from '../conversation.entity';
import { businessSecondsBetween } from '../../sla/business-time';
import { keepJourneys } from './journeys';
import { calendarOf, planSlaClocks } from './sla-clocks';
import { addTimelineEvent } from './timeline';

/** A channel as the timeline names it; names are kept so history reads right after renames. */
export interface ChannelRef {
  id: string;
  kind: string;
  name: string;
}

/** A conversation to open: `id` chosen by the caller, so later messages can name it at once. */
export interface ConversationToOpen {
  id: string;
  contactId: string;
  teamId: string | null;
  subject?: string | null;
  via: ChannelRef;
}

/**
 * New conversations, each waiting in the team of the channel it came through, in two statements
 * however many: the rows, and their opening events. The opening event is a new conversation's first
 * timeline position, so `last_seq` starts at 1.
 */
export async function openConversations(
  m: EntityManager,
  inputs: ConversationToOpen[],
  batch: EventBatch,
): Promise<void> {
  if (inputs.length === 0) return;
  await m.query(
    `INSERT INTO conversations (id, contact_id, team_id, status, subject, reply_token,
       last_activity_at, channel_kinds, last_seq, journey_entry_team_id)
     SELECT id, contact_id, team_id, 'open', subject, reply_token, $6, '{}', 1, team_id
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[], $5::varchar[])
         AS t(id, contact_id, team_id, subject, reply_token)`,
    [
      inputs.map((i) => i.id),
      inputs.map((i) => i.contactId),
      inputs.map((i) => i.teamId),
      inputs.map((i) => i.subject?.slice(0, 300) ?? null),
      inputs.map(() => randomBytes(10).toString('hex')),
      new Date(),
    ],
  );
  await m.query(
    `INSERT INTO timeline_events (conversation_id, seq, kind, actor_id, data)
     SELECT id, 1, 'conversation.opened', NULL, data FROM unnest($1::uuid[], $2::jsonb[]) AS t(id, data)`,
    [inputs.map((i) => i.id), inputs.map((i) => JSON.stringify({ channel: i.via }))],
  );
  for (const i of inputs) batch.add('conversation.created', { conversationId: i.id });
  for (const teamId of new Set(inputs.map((i) => i.teamId)))
    if (teamId) batch.add('queue.changed', { teamId });
}

/** The customer wrote again into a resolved or snoozed conversation: it is open again. */
export async function reopenConversation(
  m: EntityManager,
  conversationId: string,
  via: ChannelRef,
  batch: EventBatch,
): Promise<void> {
  const before = await m
    .getRepository(Conversation)
    .findOneOrFail({ where: { id: conversationId }, lock: { mode: 'pessimistic_write' } });
  await m.getRepository(Conversation).update(conversationId, {
    status: 'open',
    resolvedAt: null,
    snoozedUntil: null,
    ...(before.status === 'resolved' && { reopenedAt: new Date(), resolutionSeconds: null }),
  });
  await addTimelineEvent(m, conversationId, 'conversation.reopened', null, {
    from: before.status,
    channel: via,
  });
  if (before.status === 'resolved') await keepJourneys(m, [conversationId]);
  await planSlaClocks(m, [conversationId], batch);
  if (before.teamId && !before.ownerId) batch.add('queue.changed', { teamId: before.teamId });
}

export interface StatusChange {
  status?: ConversationStatus;
  /** ISO time, or null to clear; only kept while the conversation is snoozed. */
  snoozedUntil?: string | null;
  priority?: ConversationPriority;
  actorId: string;
}

/**
 * Resolve, reopen, snooze or re-prioritise, inside the caller's transaction with `c` locked.
 * Returns when a snoozed conversation should wake (null when it is not snoozed with a time).
 */
export async function changeStatus(
  m: EntityManager,
  c: Conversation,
  change: StatusChange,
  batch: EventBatch,
): Promise<Date | null> {
  const patch: Partial<
    Pick<
      Conversation,
      | 'status'
      | 'resolvedAt'
      | 'snoozedUntil'
      | 'priority'
      | 'waitingSince'
      | 'reopenedAt'
      | 'resolutionSeconds'
    >
  > = {};
  if (change.status && change.status !== c.status) {
    patch.status = change.status;
    patch.resolvedAt = change.status === 'resolved' ? new Date() : null;
    if (c.status === 'resolved') {
      patch.reopenedAt = new Date();
      patch.resolutionSeconds = null;
    }
    if (change.status === 'resolved')
      patch.resolutionSeconds = await resolutionSeconds(m, c, patch.resolvedAt);
    // A resolved conversation keeps nobody waiting; the customer's next message starts a new wait.
    if (change.status === 'resolved') patch.waitingSince = null;
    if (change.status !== 'snoozed') patch.snoozedUntil = null;
    await addTimelineEvent(m, c.id, 'conversation.status_changed', change.actorId, {
      from: c.status,
      to: change.status,
    });
  }
  if (change.snoozedUntil !== undefined)
    patch.snoozedUntil = change.snoozedUntil ? new Date(change.snoozedUntil) : null;
  if (change.priority && change.priority !== c.priority) {
    patch.priority = change.priority;
    await addTimelineEvent(m, c.id, 'conversation.priority_changed', change.actorId, {
      from: c.priority,
      to: change.priority,
    });
  }
  if (Object.keys(patch).length) {
    await m.getRepository(Conversation).update(c.id, patch);
    if (patch.reopenedAt) await keepJourneys(m, [c.id]);
    if (patch.status || patch.priority) await planSlaClocks(m, [c.id], batch);
  }
  batch.add('conversation.updated', { conversationId: c.id });
  if (c.teamId && !c.ownerId) batch.add('queue.changed', { teamId: c.teamId });
  const until = patch.snoozedUntil === undefined ? c.snoozedUntil : patch.snoozedUntil;
  return (patch.status ?? c.status) === 'snoozed' ? until : null;
}

/** Business seconds in the team's hours from the (re)opening until `resolvedAt`, for reports. */
async function resolutionSeconds(
  m: EntityManager,
  c: Pick<Conversation, 'teamId' | 'createdAt' | 'reopenedAt'>,
  resolvedAt: Date | null | undefined,
): Promise<number> {
  const [team]: { business_hours: unknown }[] = c.teamId
    ? await m.query('SELECT business_hours FROM teams WHERE id = $1', [c.teamId])
    : [];
  const calendar = calendarOf(team?.business_hours ?? null);
  const from = c.reopenedAt ?? c.createdAt;
  return Math.round(businessSecondsBetween(calendar, from, resolvedAt ?? new Date()));
}

/** Someone read the conversation: its unread counter goes back to zero. */
export async function markRead(
  m: EntityManager,
  conversationId: string,
  batch: EventBatch,
): Promise<void> {
  const result = await m
    .getRepository(Conversation)
    .update({ id: conversationId, unreadCount: MoreThan(0) }, { unreadCount: 0 });
  if (result.affected) batch.add('conversation.updated', { conversationId });
}

export type WakeOutcome = 'woke' | 'early' | 'stale';

/**
 * A snoozed conversation whose time has come opens again, inside the caller's transaction. Only if
 * it is still snoozed until `until` (without `until`: until any time): a snooze changed or ended
 * meanwhile is left alone ('stale'); one whose time the database's clock has not reached is 'early'.
 */
export async function wakeFromSnooze(
  m: EntityManager,
  conversationId: string,
  until: Date | null,
  batch: EventBatch,
): Promise<WakeOutcome> {
  const [c]: {
    status: string;
    snoozed_until: Date | null;
    due: boolean;
    team_id: string | null;
    owner_id: string | null;
  }[] = await m.query(
    `SELECT status, snoozed_until, snoozed_until <= now() AS due, team_id, owner_id
     FROM conversations WHERE id = $1 FOR UPDATE`,
    [conversationId],
  );
  if (!c || c.status !== 'snoozed' || !c.snoozed_until) return 'stale';
  if (until && c.snoozed_until.getTime() !== until.getTime()) return 'stale';
  if (!c.due) return 'early';
  await m
    .getRepository(Conversation)
    .update(conversationId, { status: 'open', snoozedUntil: null, resolvedAt: null });
  await addTimelineEvent(m, conversationId, 'conversation.woke_up', null, {
    snoozedUntil: c.snoozed_until.toISOString(),
  });
  await planSlaClocks(m, [conversationId], batch);
  batch.add('conversation.updated', { conversationId });
  if (c.team_id && !c.owner_id) batch.add('queue.changed', { teamId: c.team_id });
  return 'woke';
}

export interface OwnerChange {
  /** The new owner; null: the conversation waits unowned in its (new) team's queue. */
  ownerId: string | null;
  /** Moves the conversation to this team as well (a transfer to a team). */
  teamId?: string | null;
  /** Who did it; null for automatic assignment. */
  actorId: string | null;
  /** Extra facts for the timeline event, e.g. `{ transferId }` or `{ automatic: true }`. */
  details?: Record<string, unknown>;
  /** Counts as activity (moves the conversation up the lists); automatic assignment does not. */
  touch?: boolean;
}

/**
 * The one way ownership changes, inside the caller's transaction: claims, first replies, transfers
 * and automatic assignment all record it the same way, so reports can count every hand-over.
 * Names are kept in the event so history reads right after renames or deactivations.
 */
export async function changeOwner(
  m: EntityManager,
  conversation: Pick<Conversation, 'id' | 'ownerId' | 'teamId'>,
  change: OwnerChange,
  batch: EventBatch,
): Promise<void> {
  const { ownerId, teamId, actorId, details = {}, touch = true } = change;
  // Passed on from one person to another or back to the queue: a bounce, as reports count them.
  const bounced = conversation.ownerId !== null && conversation.ownerId !== ownerId;
  await m.getRepository(Conversation).update(conversation.id, {
    ownerId,
    ...(teamId && { teamId }),
    ...(touch && { lastActivityAt: new Date() }),
    ...(bounced && { ownerChanges: () => 'owner_changes + 1' }),
  });
  if (teamId && teamId !== conversation.teamId) {
    await m.query(
      'INSERT INTO team_moves (conversation_id, from_team_id, to_team_id) VALUES ($1, $2, $3)',
      [conversation.id, conversation.teamId, teamId],
    );
    await keepJourneys(m, [conversation.id]);
  }
  const names: { id: string; name: string }[] = await m.query(
    'SELECT id, name FROM users WHERE id = ANY($1::uuid[])',
    [[ownerId, conversation.ownerId].filter((id): id is string => Boolean(id))],
  );
  const ref = (id: string | null) =>
    id ? (names.find((u) => u.id === id) ?? { id, name: '' }) : null;
  await addTimelineEvent(m, conversation.id, 'conversation.assigned', actorId, {
    owner: ref(ownerId),
    previousOwner: ref(conversation.ownerId),
    ...details,
  });
  // Another team's policies apply from now on.
  if (teamId && teamId !== conversation.teamId) await planSlaClocks(m, [conversation.id], batch);
  batch.add('conversation.updated', { conversationId: conversation.id });
  for (const queue of new Set([conversation.teamId, teamId]))
    if (queue) batch.add('queue.changed', { teamId: queue });
}
