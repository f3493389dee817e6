import { DateTime } from 'luxon';

/** The summary goes out on Mondays at this local hour, about the week (Monday to Sunday) before. */
export const SUMMARY_HOUR = 7;
/**
 * A week is planned within this many hours of its due time; later (workers down all Monday, or an
 * opt-in on Thursday) it waits for the next Monday rather than arriving out of the blue.
 */
export const SUMMARY_PLAN_WINDOW_HOURS = 24;

export interface SummaryWeek {
  /** The Monday and the Sunday of the week summarised, as local dates (YYYY-MM-DD). */
  from: string;
  to: string;
  /** The instants the week begins and ends (Monday 00:00 local, and the Monday after). */
  startsAt: Date;
  endsAt: Date;
  /** When its summary is due: the Monday after, at SUMMARY_HOUR local time. */
  dueAt: Date;
}

/** The week whose summary came due last at or before `now` in `timeZone`. */
export function lastDueWeek(now: Date, timeZone: string): SummaryWeek {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`Unknown time zone "${timeZone}"`);
  let monday = local.startOf('day').minus({ days: local.weekday - 1 });
  if (monday.set({ hour: SUMMARY_HOUR }) > local) monday = monday.minus({ weeks: 1 });
  return weekEndingOn(monday);
}

/** The week that begins on local date `from` (a Monday) in `timeZone`. */
export function weekFrom(from: string, timeZone: string): SummaryWeek {
  const start = DateTime.fromISO(from, { zone: timeZone });
  if (!start.isValid || start.weekday !== 1) throw new RangeError(`${from} is not a Monday`);
  return weekEndingOn(start.plus({ weeks: 1 }));
}

function weekEndingOn(nextMonday: DateTime): SummaryWeek {
  const start = nextMonday.minus({ weeks: 1 });
  return {
    from: start.toISODate() as string,
    to: nextMonday.minus({ days: 1 }).toISODate() as string,
    startsAt: start.toJSDate(),
    endsAt: nextMonday.toJSDate(),
    dueAt: nextMonday.set({ hour: SUMMARY_HOUR }).toJSDate(),
  };
}

/** Whether the week's summary may still be planned at `now`. */
export function stillPlannable(week: SummaryWeek, now: Date): boolean {
  return now.getTime() - week.dueAt.getTime() < SUMMARY_PLAN_WINDOW_HOURS * 3_600_000;
}
