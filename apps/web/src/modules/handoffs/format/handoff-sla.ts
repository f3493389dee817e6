import type { TFunction } from 'i18next';
import type { HandoffDto } from '@touchpoint/shared';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The deadline a handoff is working against now, if any. */
export interface HandoffDeadline {
  /** `accept`: someone must take it; `answer`: the accepter owes the owner an answer. */
  phase: 'accept' | 'answer';
  dueAt: string;
  /** Milliseconds until the deadline; negative once it passed. */
  remainingMs: number;
  overdue: boolean;
}

/** A requested handoff runs against `acceptDueAt`, an accepted consult against `answerDueAt`. */
export function handoffDeadline(handoff: HandoffDto, now: number): HandoffDeadline | null {
  const phase =
    handoff.status === 'requested' ? 'accept' : handoff.status === 'accepted' ? 'answer' : null;
  const dueAt = phase === 'accept' ? handoff.acceptDueAt : handoff.answerDueAt;
  if (!phase || !dueAt) return null;
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return null;
  const remainingMs = due - now;
  return { phase, dueAt, remainingMs, overdue: remainingMs <= 0 };
}

/** "less than a minute", "12 min", "1 h 50 min", "2 d 3 h": coarse on purpose. */
export function formatDuration(ms: number, t: TFunction): string {
  const span = Math.abs(ms);
  if (span < MINUTE) return t('handoffs.duration.underMinute');
  if (span < HOUR) return t('handoffs.duration.minutes', { count: Math.floor(span / MINUTE) });
  if (span < DAY) {
    const hours = Math.floor(span / HOUR);
    const minutes = Math.floor((span % HOUR) / MINUTE);
    return minutes > 0
      ? t('handoffs.duration.hoursMinutes', { hours, minutes })
      : t('handoffs.duration.hours', { hours });
  }
  const days = Math.floor(span / DAY);
  const hours = Math.floor((span % DAY) / HOUR);
  return hours > 0
    ? t('handoffs.duration.daysHours', { days, hours })
    : t('handoffs.duration.days', { days });
}

/** "Accept within 12 min", "Answer overdue by 5 min". */
export function deadlineText(deadline: HandoffDeadline, t: TFunction): string {
  const duration = formatDuration(deadline.remainingMs, t);
  if (deadline.phase === 'accept') {
    return deadline.overdue
      ? t('handoffs.sla.acceptOverdue', { duration })
      : t('handoffs.sla.acceptWithin', { duration });
  }
  return deadline.overdue
    ? t('handoffs.sla.answerOverdue', { duration })
    : t('handoffs.sla.answerWithin', { duration });
}
