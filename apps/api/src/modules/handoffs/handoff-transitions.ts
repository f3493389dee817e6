import type { HandoffKind, HandoffStatus } from '@touchpoint/shared';

/** What can happen to a handoff. `request` and `force` create it; the others change its status. */
export const HANDOFF_ACTIONS = [
  'request',
  'force',
  'accept',
  'decline',
  'complete',
  'cancel',
  'expire',
] as const;
export type HandoffAction = (typeof HANDOFF_ACTIONS)[number];

/** A handoff about to be created has no status yet. */
export type HandoffState = HandoffStatus | 'new';

type TransitionTable = Record<
  HandoffKind,
  Partial<Record<HandoffState, Partial<Record<HandoffAction, HandoffStatus>>>>
>;

/**
 * Every status change a handoff may make, per kind: state × action → new state. Anything missing
 * is refused (409). Completed, declined, cancelled and expired handoffs are final.
 */
export const HANDOFF_TRANSITIONS: TransitionTable = {
  consult: {
    new: { request: 'requested' },
    requested: {
      accept: 'accepted',
      decline: 'declined',
      cancel: 'cancelled',
      // The conversation was resolved while nobody had accepted yet.
      expire: 'expired',
    },
    // The specialist answers (complete) or the requester withdraws it (cancel).
    accepted: { complete: 'completed', cancel: 'cancelled' },
  },
  transfer: {
    // A supervisor's forced transfer takes effect at once.
    new: { request: 'requested', force: 'completed' },
    // Accepting a transfer moves ownership, which is all it asks for: it is done at once.
    requested: {
      accept: 'completed',
      decline: 'declined',
      cancel: 'cancelled',
      expire: 'expired',
    },
  },
};

/** The status `action` leads to from `from`, or null if the table refuses it. */
export function nextHandoffStatus(
  kind: HandoffKind,
  from: HandoffState,
  action: HandoffAction,
): HandoffStatus | null {
  return HANDOFF_TRANSITIONS[kind][from]?.[action] ?? null;
}
