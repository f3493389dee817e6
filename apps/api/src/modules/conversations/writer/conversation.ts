import { randomBytes } from 'node:crypto';
import type { ConversationPriority, ConversationStatus } from '@touchpoint/shared';
import { MoreThan, type EntityManager } from 'typeorm';
import type { EventBatch } from '../../../core/events/domain-events';
import { Conversation } from '../conversation.entity';
import { addTimelineEvent } from './timeline';

/** A channel as the timeline names it; names are kept so history reads right after renames. */
export interface ChannelRef {
  id: string;
  kind: string;
  name: string;
}

/** A new conversation of `contactId`, waiting in the team of the channel it came through. */
export async function openConversation(
  m: EntityManager,
  input: { contactId: string; teamId: string | null; subject?: string | null; via: ChannelRef },
  batch: EventBatch,
): Promise<string> {
  const created = await m.getRepository(Conversation).save({
    contactId: input.contactId,
    teamId: input.teamId,
    status: 'open',
    subject: input.subject?.slice(0, 300) ?? null,
    replyToken: randomBytes(10).toString('hex'),
    lastActivityAt: new Date(),
    channelKinds: [],
  });
  if (input.teamId) batch.add('queue.changed', { teamId: input.teamId });
  await addTimelineEvent(m, created.id, 'conversation.opened', null, { channel: input.via });
  return created.id;
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
  await m
    .getRepository(Conversation)
    .update(conversationId, { status: 'open', resolvedAt: null, snoozedUntil: null });
  await addTimelineEvent(m, conversationId, 'conversation.reopened', null, {
    from: before.status,
    channel: via,
  });
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
  const patch: Partial<Pick<Conversation, 'status' | 'resolvedAt' | 'snoozedUntil' | 'priority'>> =
    {};
  if (change.status && change.status !== c.status) {
    patch.status = change.status;
    patch.resolvedAt = change.status === 'resolved' ? new Date() : null;
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
  if (Object.keys(patch).length) await m.getRepository(Conversation).update(c.id, patch);
  batch.add('conversation.updated', { conversationId: c.id });
  if (c.teamId && !c.ownerId) batch.add('queue.changed', { teamId: c.teamId });
  const until = patch.snoozedUntil === undefined ? c.snoozedUntil : patch.snoozedUntil;
  return (patch.status ?? c.status) === 'snoozed' ? until : null;
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
  await m.getRepository(Conversation).update(conversation.id, {
    ownerId,
    ...(teamId && { teamId }),
    ...(touch && { lastActivityAt: new Date() }),
  });
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
  batch.add('conversation.updated', { conversationId: conversation.id });
  for (const queue of new Set([conversation.teamId, teamId]))
    if (queue) batch.add('queue.changed', { teamId: queue });
}
