import { clockMinutes, ISO_WEEKDAYS, type BusinessCalendar } from '@touchpoint/shared';
import { IANAZone } from 'luxon';

/**
 * Business-time arithmetic: how much open time lies between two instants, and when a number of
 * open seconds has passed. Pure functions of a `BusinessCalendar` (validated by
 * `businessCalendarSchema`); instants are `Date`s, durations seconds; inputs are never changed.
 *
 * Opening hours are local wall-clock times of the calendar's zone, and what is counted is real
 * elapsed time: on the day clocks go forward, 00:00–24:00 is 23 hours, on the day they go back 25.
 * An opening or closing time that a clock change skips (02:30 on the spring-forward night in
 * Europe/Berlin) counts from the instant the clocks jump; one that occurs twice (the repeated hour
 * in autumn) is its first occurrence.
 *
 * The work is done day by day: a closed day or holiday costs a lookup, so a target of weeks is a
 * few hundred steps, never a walk minute by minute. A calendar that is closed the whole week has no
 * answer for "when will n seconds have passed": those functions throw `ClosedCalendarError`
 * (the schema refuses such a calendar); counting functions answer 0 for it.
 */

/** A period during which the clock stands still (pending, snoozed); `to` null: still paused now. */
export interface BusinessPause {
  from: Date;
  to: Date | null;
}

/** The calendar has no open time in its week, so no target can ever run out. */
export class ClosedCalendarError extends Error {
  override readonly name = 'ClosedCalendarError';
  constructor() {
    super('The business calendar has no open time in its week');
  }
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const END_OF_DAY = 24 * 60;
/** A zone's offset is sampled this far apart, and each change found to the second in between. */
const SCAN_STEP_MS = 3 * DAY_MS;

/** Minutes after local midnight, [from, to). */
type DayInterval = readonly [number, number];
/** Epoch milliseconds, [start, end). */
type Span = readonly [number, number];

/** A zone's offsets in one UTC year: `offsets[i]` holds from `changes[i - 1]` until `changes[i]`. */
interface OffsetYear {
  changes: number[];
  offsets: number[];
}

/**
 * Offsets by zone and year, learnt once per process: they are facts of the time-zone database,
 * not settings, and a year costs the zone database some 160 questions instead of several a day.
 */
const offsetYears = new Map<string, OffsetYear>();
const OFFSET_YEARS_MAX = 5000;

/**
 * A zone's UTC offsets: a sample every three days, and the exact second of each change found by
 * bisection. Assumes a zone never changes its offset twice within three days (the closest two
 * changes since 1970 were a week apart, in Brazil in 2000) and changes on whole seconds, as the
 * time-zone database records them.
 */
class ZoneOffsets {
  /** The year asked about last, [from, until): walks stay in one year for many questions. */
  private recent: { from: number; until: number; year: OffsetYear } | undefined;

  constructor(private readonly zone: IANAZone) {}

  /** The offset in milliseconds at `instant`. */
  at(instant: number): number {
    let recent = this.recent;
    if (!recent || instant < recent.from || instant >= recent.until) {
      const year = new Date(instant).getUTCFullYear();
      recent = {
        from: new Date(0).setUTCFullYear(year, 0, 1),
        until: new Date(0).setUTCFullYear(year + 1, 0, 1),
        year: this.year(year),
      };
      this.recent = recent;
    }
    const { changes, offsets } = recent.year;
    let index = 0;
    while (index < changes.length && (changes[index] ?? Number.POSITIVE_INFINITY) <= instant)
      index += 1;
    return offsets[index] ?? this.lookup(instant);
  }

  private lookup(instant: number): number {
    return this.zone.offset(instant) * MINUTE_MS;
  }

  private year(year: number): OffsetYear {
    const key = `${this.zone.name}:${year}`;
    const known = offsetYears.get(key);
    if (known) return known;
    const end = new Date(0).setUTCFullYear(year + 1, 0, 1);
    let sampled = new Date(0).setUTCFullYear(year, 0, 1);
    const learnt: OffsetYear = { changes: [], offsets: [this.lookup(sampled)] };
    while (sampled < end) {
      const current = learnt.offsets[learnt.offsets.length - 1];
      const next = Math.min(sampled + SCAN_STEP_MS, end);
      if (this.lookup(next) === current) {
        sampled = next;
        continue;
      }
      let lo = sampled / 1000;
      let hi = next / 1000;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (this.lookup(mid * 1000) === current) lo = mid;
        else hi = mid;
      }
      learnt.changes.push(hi * 1000);
      learnt.offsets.push(this.lookup(hi * 1000));
      sampled = hi * 1000;
    }
    // A change exactly at the turn of the year belongs to the next one.
    if (learnt.changes[learnt.changes.length - 1] === end) {
      learnt.changes.pop();
      learnt.offsets.pop();
    }
    if (offsetYears.size >= OFFSET_YEARS_MAX) offsetYears.clear();
    offsetYears.set(key, learnt);
    return learnt;
  }
}

interface CompiledCalendar {
  offsets: ZoneOffsets;
  /** Open intervals per ISO weekday (index 1 Monday … 7 Sunday), earliest first. */
  week: readonly (readonly DayInterval[])[];
  /** Local dates closed all day, as day numbers (days since 1970-01-01). */
  holidays: ReadonlySet<number>;
  closedAllWeek: boolean;
}

function compile(calendar: BusinessCalendar): CompiledCalendar {
  const zone = IANAZone.create(calendar.timeZone);
  if (!zone.isValid) throw new RangeError(`Unknown time zone "${calendar.timeZone}"`);
  const week: DayInterval[][] = [[]];
  for (const day of ISO_WEEKDAYS) {
    week.push(
      (calendar.week[day] ?? []).map(({ from, to }): DayInterval => {
        const interval: DayInterval = [clockMinutes(from), clockMinutes(to)];
        if (!(interval[0] < interval[1]))
          throw new RangeError(`Invalid open interval ${from}–${to} on weekday ${day}`);
        return interval;
      }),
    );
  }
  const holidays = new Set<number>();
  for (const date of calendar.holidays) {
    const [year, month, day] = date.split('-').map(Number);
    const number = Date.UTC(year ?? Number.NaN, (month ?? Number.NaN) - 1, day) / DAY_MS;
    if (!Number.isInteger(number)) throw new RangeError(`Invalid holiday "${date}"`);
    holidays.add(number);
  }
  return {
    offsets: new ZoneOffsets(zone),
    week,
    holidays,
    closedAllWeek: week.every((intervals) => !intervals.length),
  };
}

/** 1970-01-01 was a Thursday (ISO weekday 4). */
function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/**
 * The earliest instant whose local wall-clock time is at least `wall` (local time written as if it
 * were UTC milliseconds): the only one normally, the first of two in a repeated hour, and the
 * moment of the jump for a time that clocks skip.
 */
function instantOfWall(offsets: ZoneOffsets, wall: number): number {
  const before = offsets.at(wall - DAY_MS);
  const after = offsets.at(wall + DAY_MS);
  let earliest = Number.POSITIVE_INFINITY;
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wall - offset;
    if (instant + offsets.at(instant) === wall) earliest = Math.min(earliest, instant);
  }
  if (earliest !== Number.POSITIVE_INFINITY) return earliest;
  // Skipped by a jump forward: the jump lies between these, found by bisection to the millisecond.
  let lo = wall - Math.max(before, after);
  let hi = wall - Math.min(before, after);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid + offsets.at(mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * The calendar's open spans that end after `from`, in order, the first clipped to start at `from`
 * at the earliest. Endless: the caller stops. Needs a calendar open some time of the week.
 */
function* openSpans(calendar: CompiledCalendar, from: number): Generator<Span, never> {
  const { offsets } = calendar;
  let day = Math.floor((from + offsets.at(from)) / DAY_MS);
  // Where the previous open day ended, which is where the next day starts.
  let known: { day: number; instant: number } | undefined;
  for (; ; day += 1) {
    const intervals = calendar.holidays.has(day) ? [] : (calendar.week[isoWeekday(day)] ?? []);
    if (!intervals.length) continue;
    const midnight = day * DAY_MS;
    const start = known?.day === day ? known.instant : instantOfWall(offsets, midnight);
    const end = instantOfWall(offsets, midnight + DAY_MS);
    known = { day: day + 1, instant: end };
    // Without a clock change inside the day, a wall time is its midnight plus the minutes.
    const offset = offsets.at(start);
    const steady = start + offset === midnight && offsets.at(end - 1) === offset;
    const at = (minutes: number) => {
      if (minutes === END_OF_DAY) return end;
      return steady
        ? start + minutes * MINUTE_MS
        : instantOfWall(offsets, midnight + minutes * MINUTE_MS);
    };
    for (const [opens, closes] of intervals) {
      const spanStart = at(opens);
      const spanEnd = at(closes);
      if (spanEnd > from && spanEnd > spanStart) yield [Math.max(spanStart, from), spanEnd];
    }
  }
}

function millis(date: Date, name: string): number {
  const value = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(value)) throw new RangeError(`${name} must be a valid Date`);
  return value;
}

function durationMs(seconds: number, name: string): number {
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new RangeError(`${name} must be a number of seconds, 0 or more`);
  return Math.round(seconds * 1000);
}

/** Open milliseconds in [from, to). */
function openMsBetween(calendar: CompiledCalendar, from: number, to: number): number {
  if (to <= from || calendar.closedAllWeek) return 0;
  const spans = openSpans(calendar, from);
  let total = 0;
  for (;;) {
    const [start, end] = spans.next().value;
    if (start >= to) return total;
    total += Math.min(end, to) - start;
  }
}

/** The earliest instant by which `ms` open milliseconds have passed after `from`. */
function addOpenMs(calendar: CompiledCalendar, from: number, ms: number): number {
  if (ms === 0) return from;
  if (calendar.closedAllWeek) throw new ClosedCalendarError();
  const spans = openSpans(calendar, from);
  let remaining = ms;
  for (;;) {
    const [start, end] = spans.next().value;
    if (end - start >= remaining) return start + remaining;
    remaining -= end - start;
  }
}

/** Pauses as disjoint spans in order (overlapping ones merged); an open pause ends never. */
function pauseSpans(pauses: readonly BusinessPause[]): Span[] {
  const spans = pauses
    .map((pause, index): Span => {
      const from = millis(pause.from, `pauses[${index}].from`);
      const to =
        pause.to === null ? Number.POSITIVE_INFINITY : millis(pause.to, `pauses[${index}].to`);
      return [from, to];
    })
    // A pause that ends before it begins stops no clock.
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of spans) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/**
 * The instant at which `seconds` of open time have passed after `start`. Counting begins at the
 * next opening when `start` is in closed time, and the answer is the earliest such instant (the
 * end of the last second counted, never the next opening after it). Zero seconds are reached at
 * `start` itself. Throws `ClosedCalendarError` for a calendar without open time (unless zero).
 */
export function addBusinessSeconds(calendar: BusinessCalendar, start: Date, seconds: number): Date {
  const from = millis(start, 'start');
  const ms = durationMs(seconds, 'seconds');
  return new Date(addOpenMs(compile(calendar), from, ms));
}

/**
 * Open seconds in [from, to): 0 when `to` is not after `from`. Fractional when the instants carry
 * milliseconds. 0 for a calendar without open time.
 */
export function businessSecondsBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  return openMsBetween(compile(calendar), millis(from, 'from'), millis(to, 'to')) / 1000;
}

/**
 * When a target of `targetSeconds` open, unpaused seconds counted from `start` runs out. Pauses
 * may be unsorted and overlap; time before `start` is ignored. An open pause (`to: null`) stops
 * the clock for good: the answer is null, unless the target ran out before that pause began (then
 * that past instant). A zero target runs out at `start`. Throws `ClosedCalendarError` for a
 * calendar without open time.
 */
export function dueAt(
  calendar: BusinessCalendar,
  start: Date,
  targetSeconds: number,
  pauses: readonly BusinessPause[],
): Date | null {
  const from = millis(start, 'start');
  let remaining = durationMs(targetSeconds, 'targetSeconds');
  const paused = pauseSpans(pauses);
  if (remaining === 0) return new Date(from);
  const compiled = compile(calendar);
  if (compiled.closedAllWeek) throw new ClosedCalendarError();
  let cursor = from;
  for (const [pauseFrom, pauseTo] of paused) {
    if (pauseTo <= cursor) continue;
    if (pauseFrom > cursor) {
      const available = openMsBetween(compiled, cursor, pauseFrom);
      if (available >= remaining) return new Date(addOpenMs(compiled, cursor, remaining));
      remaining -= available;
    }
    if (pauseTo === Number.POSITIVE_INFINITY) return null;
    cursor = pauseTo;
  }
  return new Date(addOpenMs(compiled, cursor, remaining));
}

/**
 * Open, unpaused seconds from `start` until `now` (0 if `now` is not after `start`): how much of a
 * target is used up, e.g. to warn at 80%. An open pause counts as paused until `now`.
 */
export function elapsedBusinessSeconds(
  calendar: BusinessCalendar,
  start: Date,
  now: Date,
  pauses: readonly BusinessPause[],
): number {
  const from = millis(start, 'start');
  const to = millis(now, 'now');
  const paused = pauseSpans(pauses);
  const compiled = compile(calendar);
  let ms = openMsBetween(compiled, from, to);
  for (const [pauseFrom, pauseTo] of paused)
    ms -= openMsBetween(compiled, Math.max(pauseFrom, from), Math.min(pauseTo, to));
  return ms / 1000;
}
