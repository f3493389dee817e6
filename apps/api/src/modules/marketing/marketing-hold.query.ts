import {
  DEFAULT_MARKETING_HOLD_POLICY,
  MARKETING_HOLD_POLICIES,
  type ConversationStatus,
  type MarketingHoldPolicy,
} from '@touchpoint/shared';

/**
 * The statuses in which a conversation holds its contact, per policy of its team. A snoozed
 * conversation is pending: put aside until a time, its problem still unresolved.
 */
export const HOLDING_STATUSES: Record<MarketingHoldPolicy, readonly ConversationStatus[]> = {
  open_and_pending: ['open', 'pending', 'snoozed'],
  open: ['open'],
  none: [],
};

const statusList = (statuses: readonly ConversationStatus[]) =>
  statuses.length ? `c.status IN (${statuses.map((s) => `'${s}'`).join(', ')})` : 'false';

/**
 * Whether conversation `c` (its team joined as `t`, left join) holds its contact. A conversation
 * without a team holds as the default policy does. `status <> 'resolved'` first, so the planner may
 * read only the unresolved conversations (their partial indexes).
 */
export const HOLDS_CONTACT = `(c.status <> 'resolved' AND CASE COALESCE(t.holds_marketing, '${DEFAULT_MARKETING_HOLD_POLICY}')
  ${MARKETING_HOLD_POLICIES.map((p) => `WHEN '${p}' THEN ${statusList(HOLDING_STATUSES[p])}`).join('\n  ')}
  ELSE false END)`;

/** Key of the lock every writer of `marketing_suppression_changes` holds until its commit. */
export const SUPPRESSION_CHANGES_LOCK = 'marketing:suppression-changes';

/** Key of the lock a recompute holds on one contact's hold until its commit. */
export const holdLockKey = (contactId: string) => `marketing-hold:${contactId}`;
