import {
  AT_RISK_SHARE,
  type BusinessCalendar,
  type ChannelKind,
  type ConversationPriority,
  type ConversationStatus,
  type SlaMetric,
  type SlaPolicyRule,
} from '@touchpoint/shared';
import { dueAt, elapsedBusinessSeconds } from './business-time';
import { slaPolicyFor } from './sla-policy';

/** `response`: the reply the customer waits for (first or next); `resolution`: the whole issue. */
export type SlaClockName = 'response' | 'resolution';
export const SLA_CLOCKS: readonly SlaClockName[] = ['response', 'resolution'];

/**
 * One running target of a conversation. Time counts in business time from `countingSince`;
 * `usedSeconds` is what earlier stretches (before a pause) used up. While paused (pending,
 * snoozed) `countingSince`, `riskAt` and `dueAt` are null: no moment can come.
 */
export interface SlaClock {
  metric: SlaMetric;
  targetSeconds: number;
  /** When the window began (the customer's wait, the conversation's opening): it names the window. */
  windowStart: Date;
  countingSince: Date | null;
  usedSeconds: number;
  riskAt: Date | null;
  dueAt: Date | null;
  riskFiredAt: Date | null;
  breachedAt: Date | null;
}

/** What the clocks of a conversation follow from. */
export interface SlaFacts {
  status: ConversationStatus;
  channelKind: ChannelKind | null;
  priority: ConversationPriority;
  /** Since the customer's first message after staff last answered; null: nobody waits on us. */
  waitingSince: Date | null;
  firstResponseAt: Date | null;
  createdAt: Date;
  reopenedAt: Date | null;
}

/** The window a clock should be running, or null when the target does not apply now. */
export interface SlaWindow {
  metric: SlaMetric;
  targetSeconds: number;
  windowStart: Date;
  paused: boolean;
}

const PAUSED: ReadonlySet<ConversationStatus> = new Set(['pending', 'snoozed']);

/**
 * The windows a conversation's facts call for under its team's policies: a response target while
 * the customer waits (first response until staff first answered, next response after), and a
 * resolution target from its opening (or last reopening) until it is resolved. Both stand still
 * while it is pending or snoozed.
 */
export function slaWindows(
  facts: SlaFacts,
  policies: readonly SlaPolicyRule[],
): Record<SlaClockName, SlaWindow | null> {
  const none = { response: null, resolution: null };
  if (facts.status === 'resolved') return none;
  const policy = slaPolicyFor(policies, facts);
  if (!policy) return none;
  const paused = PAUSED.has(facts.status);
  const first = facts.firstResponseAt === null;
  const responseTarget = first ? policy.firstResponseSeconds : policy.nextResponseSeconds;
  return {
    response:
      facts.waitingSince && responseTarget
        ? {
            metric: first ? 'first_response' : 'next_response',
            targetSeconds: responseTarget,
            windowStart: facts.waitingSince,
            paused,
          }
        : null,
    resolution: policy.resolutionSeconds
      ? {
          metric: 'resolution',
          targetSeconds: policy.resolutionSeconds,
          windowStart: facts.reopenedAt ?? facts.createdAt,
          paused,
        }
      : null,
  };
}

/**
 * A clock's state after the facts changed, at `now`: the same window carries on (a pause banks the
 * time used so far, a resume counts on from now, a new target moves the moments), a new window
 * starts from nothing. Fired steps are kept while their moment stays behind `now`, and forgotten
 * when it moves ahead again (a longer target), so they can fire anew. Null: no clock.
 */
export function nextClock(
  current: SlaClock | null,
  window: SlaWindow | null,
  calendar: BusinessCalendar,
  now: Date,
): SlaClock | null {
  if (!window) return null;
  const same =
    current !== null &&
    current.metric === window.metric &&
    current.windowStart.getTime() === window.windowStart.getTime();
  const clock: SlaClock = same
    ? { ...current, targetSeconds: window.targetSeconds }
    : {
        metric: window.metric,
        targetSeconds: window.targetSeconds,
        windowStart: window.windowStart,
        countingSince: window.windowStart,
        usedSeconds: 0,
        riskAt: null,
        dueAt: null,
        riskFiredAt: null,
        breachedAt: null,
      };
  if (window.paused) {
    if (clock.countingSince) {
      clock.usedSeconds += elapsedBusinessSeconds(calendar, clock.countingSince, now, []);
      clock.countingSince = null;
    }
    clock.riskAt = null;
    clock.dueAt = null;
    return clock;
  }
  const since = clock.countingSince ?? now;
  clock.countingSince = since;
  const left = (share: number) => Math.max(0, share * clock.targetSeconds - clock.usedSeconds);
  // A calendar with open time (the schema refuses others) always has an answer without pauses.
  clock.riskAt = dueAt(calendar, since, left(AT_RISK_SHARE), []);
  clock.dueAt = dueAt(calendar, since, left(1), []);
  if (clock.riskAt && clock.riskAt > now) clock.riskFiredAt = null;
  if (clock.dueAt && clock.dueAt > now) clock.breachedAt = null;
  return clock;
}

/** Whether two states of a clock differ in anything stored. */
export function sameClock(a: SlaClock | null, b: SlaClock | null): boolean {
  if (a === null || b === null) return a === b;
  const time = (d: Date | null) => d?.getTime() ?? null;
  return (
    a.metric === b.metric &&
    a.targetSeconds === b.targetSeconds &&
    Math.abs(a.usedSeconds - b.usedSeconds) < 1e-6 &&
    time(a.windowStart) === time(b.windowStart) &&
    time(a.countingSince) === time(b.countingSince) &&
    time(a.riskAt) === time(b.riskAt) &&
    time(a.dueAt) === time(b.dueAt) &&
    time(a.riskFiredAt) === time(b.riskFiredAt) &&
    time(a.breachedAt) === time(b.breachedAt)
  );
}
