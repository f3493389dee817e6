import { z } from 'zod';
import { CHANNEL_KINDS, type ChannelKind } from '../constants/channels';
import { uuidSchema } from './common.schema';
import { DEFAULT_TIME_ZONE, isIsoDate, timeZoneSchema } from './sla.schema';

/** A report covers at most this many days. */
export const REPORT_MAX_DAYS = 366;
/** Counts of bounces and channel switches at or above this are shown together ("3 or more"). */
export const REPORT_BUCKET_MAX = 3;

const reportDate = z
  .string({ message: 'must be a date as YYYY-MM-DD' })
  .refine(isIsoDate, { message: 'must be a date as YYYY-MM-DD', params: { reason: 'date' } });

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** `to` not before `from`, and at most REPORT_MAX_DAYS days in all (reports, journeys). */
export function reportRangeCheck(q: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (!isIsoDate(q.from) || !isIsoDate(q.to)) return;
  const days = dayNumber(q.to) - dayNumber(q.from) + 1;
  if (days < 1)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: 'must not be before from',
      params: { reason: 'order' },
    });
  else if (days > REPORT_MAX_DAYS)
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `must be at most ${REPORT_MAX_DAYS} days after from`,
      params: { reason: 'range' },
    });
}

/**
 * `GET /api/reports/overview`: the days `from` to `to` (both included) in `timeZone`, optionally of
 * one team, one channel kind (the one the conversation began on) or one agent (its owner).
 */
export const reportQuerySchema = z
  .object({
    from: reportDate,
    to: reportDate,
    timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
    teamId: uuidSchema.optional(),
    channelKind: z
      .enum(CHANNEL_KINDS, { message: `must be one of ${CHANNEL_KINDS.join(', ')}` })
      .optional(),
    agentId: uuidSchema.optional(),
  })
  .strict()
  .superRefine(reportRangeCheck);
export type ReportQuery = z.output<typeof reportQuerySchema>;
export type ReportQueryInput = z.input<typeof reportQuerySchema>;

/** Median and 90th percentile of a duration in seconds; null when nothing was measured. */
export interface ReportDurationDto {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface ReportTeamRefDto {
  id: string;
  name: string;
}

/** `GET /api/reports/overview`. Conversations count on the day they began, resolutions on theirs. */
export interface ReportOverviewDto {
  from: string;
  to: string;
  timeZone: string;
  totals: {
    /** Conversations begun in the range. */
    conversations: number;
    /** Conversations resolved in the range. */
    resolved: number;
    /** Of those resolved: answered once and never reopened. */
    oneTouch: number;
    /** Of those begun: passed from one owner to another at least once. */
    bounced: number;
    /** Of those begun: the customer changed channel at least once. */
    switchedChannel: number;
  };
  /** Conversations begun, by the channel they began on and the local hour (0–23). */
  volume: { channelKind: ChannelKind | null; hour: number; conversations: number }[];
  /** Per day: begun, resolved, and open at the end of the day (the backlog). */
  days: { date: string; opened: number; resolved: number; backlog: number }[];
  /** Business time from the start to the first answer, of conversations first answered in range. */
  firstResponse: ReportDurationDto;
  /** Business time from the (re)opening to the resolution, of conversations resolved in range. */
  resolution: ReportDurationDto;
  /** Consults asked in the range, per pair of teams (from the team of the asking conversation). */
  consults: {
    fromTeam: ReportTeamRefDto | null;
    toTeam: ReportTeamRefDto | null;
    asked: number;
    /** Wall-clock time from the request to its acceptance, and from acceptance to the answer. */
    accept: ReportDurationDto;
    answer: ReportDurationDto;
  }[];
  /** Conversations begun in the range by how often they changed owner (REPORT_BUCKET_MAX: or more). */
  bounces: { changes: number; conversations: number }[];
  /** Moves between teams in the range, per pair. */
  teamMoves: {
    fromTeam: ReportTeamRefDto | null;
    toTeam: ReportTeamRefDto | null;
    moves: number;
  }[];
  /** Conversations begun in the range by how often the customer switched channel. */
  channelSwitches: { switches: number; conversations: number }[];
}
