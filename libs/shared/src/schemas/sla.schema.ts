import { z } from 'zod';
import {
  CHANNEL_KINDS,
  CONVERSATION_PRIORITIES,
  type ChannelKind,
  type ConversationPriority,
} from '../constants/channels';
import { CONSULT_ACCEPT_LIMITS, CONSULT_ANSWER_LIMITS } from './team.schema';

/** The zone of a team without business hours of its own. */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/** ISO weekdays as the keys of a business week: 1 is Monday, 7 is Sunday. */
export const ISO_WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type IsoWeekday = (typeof ISO_WEEKDAYS)[number];

export const BUSINESS_HOLIDAYS_MAX = 200;
export const BUSINESS_INTERVALS_PER_DAY_MAX = 8;

/*
 * Custom issues carry `params.reason` (and what the message names), so a client can say the same
 * in the user's language.
 */

/** Whether `value` names a time zone this runtime knows (an IANA name such as Europe/Berlin). */
export function isTimeZone(value: string): boolean {
  // Names only: fixed offsets such as "+01:00" would not follow daylight saving time.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** The runtime's spelling of a zone ("europe/berlin" → "Europe/Berlin"); unknown names as given. */
function canonicalTimeZone(value: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return value;
  }
}

/** Minutes after midnight of an `HH:mm` time ("24:00" is 1440); NaN for anything else. */
export function clockMinutes(value: string): number {
  const match = /^(\d\d):(\d\d)$/.exec(value);
  if (!match) return Number.NaN;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= 24 * 60 ? minutes : Number.NaN;
}

/** Whether `value` is a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

export const timeZoneSchema = z
  .string({ message: 'must be a time zone such as Europe/Berlin' })
  .refine(isTimeZone, {
    message: 'must be a time zone such as Europe/Berlin',
    params: { reason: 'timeZone' },
  })
  .overwrite(canonicalTimeZone);

const openingTime = z
  .string({ message: 'must be a time as HH:mm' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be a time from 00:00 to 23:59 (HH:mm)' });
const closingTime = z
  .string({ message: 'must be a time as HH:mm' })
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, {
    message: 'must be a time from 00:00 to 24:00 (HH:mm)',
  });

/** Open from `from` until `to` in local wall-clock time; "24:00" is the end of the day. */
export const businessIntervalSchema = z
  .object({ from: openingTime, to: closingTime })
  .strict()
  .refine(
    ({ from, to }) => {
      const opens = clockMinutes(from);
      // Badly written times (NaN, or an opening at 24:00) already have their own message.
      return !(opens < 24 * 60 && clockMinutes(to) <= opens);
    },
    { path: ['to'], message: 'must be after the opening time', params: { reason: 'closesFirst' } },
  );
export type BusinessInterval = z.output<typeof businessIntervalSchema>;

/** One weekday's open intervals, earliest first; an empty list is a closed day. */
export const businessDaySchema = z
  .array(businessIntervalSchema, { message: 'must be a list of open intervals' })
  .max(BUSINESS_INTERVALS_PER_DAY_MAX, {
    message: `must have at most ${BUSINESS_INTERVALS_PER_DAY_MAX} intervals`,
  })
  .superRefine((intervals, ctx) => {
    intervals.forEach((interval, index) => {
      const before = intervals[index - 1];
      if (before && clockMinutes(interval.from) < clockMinutes(before.to)) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'from'],
          message: `must not be before ${before.to}, when the interval before it closes`,
          params: { reason: 'overlap', time: before.to },
        });
      }
    });
  });

const weekShape = Object.fromEntries(ISO_WEEKDAYS.map((day) => [day, businessDaySchema])) as Record<
  IsoWeekday,
  typeof businessDaySchema
>;

/** Open intervals per ISO weekday ("1" Monday … "7" Sunday), all seven given. */
export const businessWeekSchema = z
  .object(weekShape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `has no weekday ${issue.keys.map((key) => `"${key}"`).join(', ')}: weekdays are "1" (Monday) to "7" (Sunday)`
        : 'must give the open intervals of each weekday, "1" (Monday) to "7" (Sunday)',
  })
  .strict()
  .refine((week) => ISO_WEEKDAYS.some((day) => (week[day]?.length ?? 0) > 0), {
    message: 'must be open at some time of the week',
    params: { reason: 'neverOpen' },
  });

export const holidaySchema = z
  .string({ message: 'must be a date as YYYY-MM-DD' })
  .refine(isIsoDate, { message: 'must be a date as YYYY-MM-DD', params: { reason: 'date' } });

/**
 * When a team is at work, for service-level targets counted in business time. Opening hours are
 * local wall-clock times in `timeZone`, so 09:00–17:00 stays 09:00–17:00 across daylight saving
 * time changes; holidays (dates in that zone) are closed all day.
 *
 * A team without business hours of its own is open around the clock in Europe/Berlin
 * (`ALWAYS_OPEN_CALENDAR`).
 */
export const businessCalendarSchema = z
  .object({
    timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
    week: businessWeekSchema,
    holidays: z
      .array(holidaySchema, { message: 'must be a list of dates' })
      .max(BUSINESS_HOLIDAYS_MAX, { message: `must have at most ${BUSINESS_HOLIDAYS_MAX} dates` })
      .superRefine((dates, ctx) => {
        dates.forEach((date, index) => {
          const first = dates.indexOf(date);
          if (first < index)
            ctx.addIssue({
              code: 'custom',
              path: [index],
              message: `repeats holidays.${first} (${date})`,
              params: { reason: 'duplicate', first },
            });
        });
      })
      .default([]),
  })
  .strict();
export type BusinessCalendar = z.output<typeof businessCalendarSchema>;
export type BusinessCalendarInput = z.input<typeof businessCalendarSchema>;

/** The hours of a team that has none configured: every day, all day, in Europe/Berlin. */
export const ALWAYS_OPEN_CALENDAR: BusinessCalendar = {
  timeZone: DEFAULT_TIME_ZONE,
  week: Object.fromEntries(
    ISO_WEEKDAYS.map((day) => [day, [{ from: '00:00', to: '24:00' }]]),
  ) as BusinessCalendar['week'],
  holidays: [],
};

/** `GET|PUT /api/teams/:id/business-hours`; `businessHours` null means open around the clock. */
export interface TeamBusinessHoursDto {
  teamId: string;
  businessHours: BusinessCalendar | null;
}

/** What a conversation's SLA clock measures: the first reply, a later reply, the resolution. */
export const SLA_METRICS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/** A conversation's most urgent running SLA target: when it comes at risk and when it runs out. */
export interface ConversationSlaDto {
  metric: SlaMetric;
  /** Null while the clock stands still (pending, snoozed). */
  riskAt: string | null;
  dueAt: string | null;
  /** Set once the target ran out; it stays in breach until the clock stops. */
  breachedAt: string | null;
}

export const SLA_TARGET_MIN_SECONDS = 60;
export const SLA_TARGET_MAX_SECONDS = 90 * 24 * 3600;
/** One policy per pair of (channel kind or any) and (priority or any). */
export const SLA_POLICIES_MAX = (CHANNEL_KINDS.length + 1) * (CONVERSATION_PRIORITIES.length + 1);

/** A target in business seconds within `min`–`max`; null for none. */
const target = (min: number, max: number) =>
  z
    .number({ message: 'must be a number of seconds or null' })
    .int({ message: 'must be a whole number of seconds' })
    .min(min, { message: `must be at least ${min} seconds` })
    .max(max, { message: `must be at most ${max} seconds` })
    .nullable()
    .default(null);
const slaTarget = target(SLA_TARGET_MIN_SECONDS, SLA_TARGET_MAX_SECONDS);

/**
 * Service-level targets of a team, counted in the team's business time. A policy applies to one
 * channel kind and/or priority, or (both null) to every conversation of the team.
 *
 * The customer's targets (first/next response, resolution) come from the most specific policy that
 * matches the conversation, as a whole: a null there means no target. The consult targets (for
 * consults and transfers to this team) are chosen one by one: the most specific matching policy
 * that sets it, else the team's own `consultAcceptSeconds` / `consultAnswerSeconds` (team.schema.ts),
 * so a null there means "as the less specific policy, or the team".
 */
export const slaPolicySchema = z
  .object({
    /** null: any channel. */
    channelKind: z
      .enum(CHANNEL_KINDS, { message: `must be one of ${CHANNEL_KINDS.join(', ')} or null` })
      .nullable()
      .default(null),
    /** null: any priority. */
    priority: z
      .enum(CONVERSATION_PRIORITIES, {
        message: `must be one of ${CONVERSATION_PRIORITIES.join(', ')} or null`,
      })
      .nullable()
      .default(null),
    /** From the first customer message to the first reply. */
    firstResponseSeconds: slaTarget,
    /** From a customer message that waits to the next reply. */
    nextResponseSeconds: slaTarget,
    /** From the start of the conversation until it is resolved. */
    resolutionSeconds: slaTarget,
    /** From a consult's or transfer's request to its acceptance by the team. */
    consultAcceptSeconds: target(CONSULT_ACCEPT_LIMITS.min, CONSULT_ACCEPT_LIMITS.max),
    /** From a consult's acceptance to the specialist's answer. */
    consultAnswerSeconds: target(CONSULT_ANSWER_LIMITS.min, CONSULT_ANSWER_LIMITS.max),
  })
  .strict();
export type SlaPolicyInput = z.input<typeof slaPolicySchema>;
/** A whole policy as validated: its scope and all its targets. */
export type SlaPolicyEntry = z.output<typeof slaPolicySchema>;
/** What a conversation's clocks read of a policy: its scope and the customer's targets. */
export type SlaPolicyRule = Omit<SlaPolicyEntry, 'consultAcceptSeconds' | 'consultAnswerSeconds'>;

/** `PUT /api/teams/:id/sla-policies`: the team's whole list, replacing what it had. */
export const teamSlaPoliciesSchema = z
  .object({
    policies: z
      .array(slaPolicySchema, { message: 'must be a list of policies' })
      .max(SLA_POLICIES_MAX, { message: `must have at most ${SLA_POLICIES_MAX} policies` })
      .superRefine((policies, ctx) => {
        const seen = new Map<string, number>();
        policies.forEach((policy, index) => {
          const key = `${policy.channelKind ?? '*'}/${policy.priority ?? '*'}`;
          const first = seen.get(key);
          if (first === undefined) seen.set(key, index);
          else
            ctx.addIssue({
              code: 'custom',
              path: [index],
              message: `has the same channel and priority as policies.${first}`,
              params: { reason: 'duplicate', first },
            });
        });
      }),
  })
  .strict();
export type TeamSlaPoliciesRequest = z.input<typeof teamSlaPoliciesSchema>;

export interface SlaPolicyDto {
  id: string;
  channelKind: ChannelKind | null;
  priority: ConversationPriority | null;
  firstResponseSeconds: number | null;
  nextResponseSeconds: number | null;
  resolutionSeconds: number | null;
  consultAcceptSeconds: number | null;
  consultAnswerSeconds: number | null;
}

/** `GET|PUT /api/teams/:id/sla-policies`: the default first, then the more specific ones. */
export interface TeamSlaPoliciesDto {
  teamId: string;
  policies: SlaPolicyDto[];
}
