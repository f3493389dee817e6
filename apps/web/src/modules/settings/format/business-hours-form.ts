import type { TFunction } from 'i18next';
import {
  BUSINESS_HOLIDAYS_MAX,
  BUSINESS_INTERVALS_PER_DAY_MAX,
  businessCalendarSchema,
  DEFAULT_TIME_ZONE,
  ISO_WEEKDAYS,
  type BusinessCalendar,
  type BusinessCalendarInput,
  type IsoWeekday,
} from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';

/** An open interval as the time inputs show it: an end of 00:00 is midnight (24:00). */
export interface IntervalDraft {
  from: string;
  to: string;
}

/** The business hours as the admin edits them. */
export interface BusinessHoursDraft {
  /** false: open around the clock (no hours of its own). */
  custom: boolean;
  timeZone: string;
  /** Per ISO weekday; empty for a closed day. */
  week: Record<IsoWeekday, IntervalDraft[]>;
  /** YYYY-MM-DD, earliest first. */
  holidays: string[];
}

/** Problems by the API's field path (`timeZone`, `week.3.0.to`, `holidays.2`, `week`). */
export type BusinessHoursErrors = Record<string, string>;

/** Where new custom hours start: Monday to Friday, 09:00–17:00. */
export const OFFICE_HOURS: IntervalDraft = { from: '09:00', to: '17:00' };

const toDraftTime = (time: string) => (time === '24:00' ? '00:00' : time);
const toApiTime = (time: string) => (time === '00:00' ? '24:00' : time);

export function businessHoursDraft(saved: BusinessCalendar | null): BusinessHoursDraft {
  if (!saved) {
    return {
      custom: false,
      timeZone: DEFAULT_TIME_ZONE,
      week: Object.fromEntries(
        ISO_WEEKDAYS.map((day) => [day, Number(day) <= 5 ? [{ ...OFFICE_HOURS }] : []]),
      ) as BusinessHoursDraft['week'],
      holidays: [],
    };
  }
  return {
    custom: true,
    timeZone: saved.timeZone,
    week: Object.fromEntries(
      ISO_WEEKDAYS.map((day) => [
        day,
        saved.week[day].map(({ from, to }) => ({ from, to: toDraftTime(to) })),
      ]),
    ) as BusinessHoursDraft['week'],
    holidays: [...saved.holidays],
  };
}

/** The `PUT` body; null when the team goes back to open around the clock. */
export function businessHoursBody(draft: BusinessHoursDraft): BusinessCalendarInput | null {
  if (!draft.custom) return null;
  return {
    timeZone: draft.timeZone,
    week: Object.fromEntries(
      ISO_WEEKDAYS.map((day) => [
        day,
        draft.week[day].map(({ from, to }) => ({ from, to: toApiTime(to) })),
      ]),
    ) as BusinessCalendarInput['week'],
    holidays: [...draft.holidays],
  };
}

export function businessHoursChanged(
  draft: BusinessHoursDraft,
  saved: BusinessCalendar | null,
): boolean {
  return JSON.stringify(businessHoursBody(draft)) !== JSON.stringify(saved);
}

/** Inserts a date in order; unchanged when it is listed already. */
export function withHoliday(holidays: readonly string[], date: string): string[] {
  if (holidays.includes(date)) return [...holidays];
  return [...holidays, date].sort();
}

type Issue = NonNullable<
  ReturnType<typeof businessCalendarSchema.safeParse>['error']
>['issues'][number];

function reasonOf(issue: Issue): { reason?: unknown; time?: unknown; first?: unknown } {
  return issue.code === 'custom' ? (issue.params ?? {}) : {};
}

/** The schema's message for an issue, in the user's language; unforeseen ones as they are. */
export function businessHoursIssueMessage(issue: Issue, t: TFunction): string {
  const { reason, time, first } = reasonOf(issue);
  const field = issue.path[issue.path.length - 1];
  switch (reason) {
    case 'timeZone':
      return t('settings.businessHours.errors.timeZone');
    case 'closesFirst':
      return t('settings.businessHours.errors.closesFirst');
    case 'overlap':
      return t('settings.businessHours.errors.overlap', { time: String(time) });
    case 'neverOpen':
      return t('settings.businessHours.errors.neverOpen');
    case 'date':
      return t('settings.businessHours.errors.date');
    case 'duplicate':
      return t('settings.businessHours.errors.duplicate', { number: Number(first) + 1 });
  }
  if ((field === 'from' || field === 'to') && issue.code === 'invalid_format')
    return t('settings.businessHours.errors.time');
  if (issue.code === 'too_big' && issue.path[0] === 'holidays')
    return t('settings.businessHours.errors.tooManyHolidays', { max: BUSINESS_HOLIDAYS_MAX });
  if (issue.code === 'too_big' && issue.path[0] === 'week')
    return t('settings.businessHours.errors.tooManyIntervals', {
      max: BUSINESS_INTERVALS_PER_DAY_MAX,
    });
  return issue.message;
}

/** Client-side check with the contract's schema: one message per field path. */
export function validateBusinessHours(
  draft: BusinessHoursDraft,
  t: TFunction,
): BusinessHoursErrors {
  const body = businessHoursBody(draft);
  if (!body) return {};
  const parsed = businessCalendarSchema.safeParse(body);
  if (parsed.success) return {};
  const errors: BusinessHoursErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    errors[path] ??= businessHoursIssueMessage(issue, t);
  }
  return errors;
}

/** A 400's `details[]` by field path, as the server wrote them. */
export function businessHoursServerErrors(error: ApiError): BusinessHoursErrors {
  if (error.status !== 400) return {};
  const errors: BusinessHoursErrors = {};
  for (const detail of error.details) errors[detail.path] ??= detail.message;
  return errors;
}

/** Every time zone the browser knows, with the chosen one in it even if it does not. */
export function timeZoneOptions(chosen: string): string[] {
  const known =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return known.includes(chosen) ? known : [chosen, ...known].sort();
}
