import { AT_RISK_SHARE, type BoardRisk } from '@touchpoint/shared';

/** The times of an open handoff that decide how it stands (ms since the epoch). */
export interface HandoffClock {
  status: 'requested' | 'accepted';
  createdAt: number;
  acceptedAt: number | null;
  acceptDueAt: number | null;
  answerDueAt: number | null;
  /**
   * When each phase comes at risk, counted in the business time of the team asked (a Friday
   * evening request is not amber through the weekend); null for handoffs from before it was kept.
   */
  acceptRiskAt?: number | null;
  answerRiskAt?: number | null;
  /** Set when an escalation fired (the accept or answer deadline passed). */
  breached: boolean;
}

/** The window of the step it is in: accept from its request, answer from its acceptance. */
export function currentWindow(h: HandoffClock): {
  start: number;
  due: number | null;
  riskAt: number | null;
} {
  return h.status === 'requested'
    ? { start: h.createdAt, due: h.acceptDueAt, riskAt: h.acceptRiskAt ?? null }
    : { start: h.acceptedAt ?? h.createdAt, due: h.answerDueAt, riskAt: h.answerRiskAt ?? null };
}

/**
 * Breached once its current deadline passed (or an escalation already fired); at risk from
 * AT_RISK_SHARE of its target on (its stored moment, in business time; else of the wall-clock
 * window), as supervisors want to act before the deadline, not after.
 */
export function handoffRisk(h: HandoffClock, now: number): BoardRisk {
  const { start, due, riskAt } = currentWindow(h);
  if (h.breached || (due !== null && now >= due)) return 'breached';
  if (due !== null && now >= (riskAt ?? start + AT_RISK_SHARE * (due - start))) return 'at_risk';
  return 'ok';
}

const RANK: Record<BoardRisk, number> = { breached: 0, at_risk: 1, ok: 2 };

/** Most urgent first: breached, then at risk, then by the nearest deadline, then the oldest. */
export function byUrgency<T extends HandoffClock & { risk: BoardRisk }>(a: T, b: T): number {
  return (
    RANK[a.risk] - RANK[b.risk] ||
    (currentWindow(a).due ?? Infinity) - (currentWindow(b).due ?? Infinity) ||
    a.createdAt - b.createdAt
  );
}
