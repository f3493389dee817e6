import { z } from 'zod';
import { CHANNEL_KINDS, type ChannelKind } from '../constants/channels';
import { uuidSchema } from './common.schema';
import { reportRangeCheck, type ReportTeamRefDto } from './report.schema';
import { DEFAULT_TIME_ZONE, isIsoDate, timeZoneSchema } from './sla.schema';

/** `new`: the contact's first conversation; `returning`: not its first; `lead`: marked as a lead. */
export const JOURNEY_SEGMENTS = ['new', 'returning', 'lead'] as const;
export type JourneySegment = (typeof JOURNEY_SEGMENTS)[number];

/**
 * How a conversation's journey ended, as of the moment asked, the first that applies:
 * - `reopened`: opened again within JOURNEY_REOPEN_SECONDS of being resolved;
 * - `abandoned`: never answered and resolved or idle JOURNEY_ABANDON_SECONDS, or still open with the
 *   customer waiting on an answer that long (a website chat "left unanswered");
 * - `one_touch`: resolved with one answer, never reopened (the reports' definition);
 * - `after_handoffs`: resolved after at least one consult or transfer;
 * - `resolved`: resolved otherwise;
 * - `open`: still open and not abandoned yet.
 */
export const JOURNEY_OUTCOMES = [
  'one_touch',
  'after_handoffs',
  'resolved',
  'abandoned',
  'reopened',
  'open',
] as const;
export type JourneyOutcome = (typeof JOURNEY_OUTCOMES)[number];

/** A customer left waiting this long without an answer has given up: 3 days. */
export const JOURNEY_ABANDON_SECONDS = 3 * 86_400;
/** A conversation opened again within this time of its resolution was not really resolved: 7 days. */
export const JOURNEY_REOPEN_SECONDS = 7 * 86_400;
/** Conversation ids listed with each path; the rest page through `GET /api/journeys/conversations`. */
export const JOURNEY_PATH_IDS = 50;
export const JOURNEY_PAGE_MAX = 200;

const journeyDate = z
  .string({ message: 'must be a date as YYYY-MM-DD' })
  .refine(isIsoDate, { message: 'must be a date as YYYY-MM-DD', params: { reason: 'date' } });

const journeyFilters = {
  from: journeyDate,
  to: journeyDate,
  timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
  teamId: uuidSchema.optional(),
  channelKind: z
    .enum(CHANNEL_KINDS, { message: `must be one of ${CHANNEL_KINDS.join(', ')}` })
    .optional(),
  segment: z
    .enum(JOURNEY_SEGMENTS, { message: `must be one of ${JOURNEY_SEGMENTS.join(', ')}` })
    .optional(),
};

/**
 * `GET /api/journeys`: the conversations begun on the days `from` to `to` (both included) in
 * `timeZone`; optionally those one team took part in (entered, was pulled into, or holds them), those
 * begun on one channel kind, or one segment of contacts.
 */
export const journeyQuerySchema = z.object(journeyFilters).strict().superRefine(reportRangeCheck);
export type JourneyQuery = z.output<typeof journeyQuerySchema>;
export type JourneyQueryInput = z.input<typeof journeyQuerySchema>;

const uuidPart = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const teamPart = `(?:none|${uuidPart})`;
const nodePart = `(?:entry:[a-z]+|team:${teamPart}|outcome:[a-z_]+)`;
/**
 * A drill-down key, as the journey answer hands them out: `path:<node>>…` (a whole path),
 * `edge:<node>><node>` (one step between two stops, at any point of the path),
 * `hop:<i>:<node>><node>` (the step from the path's i-th stop to the next, 0 being the entry: the
 * diagram by stage), `outcome:<outcome>`, or
 * `consult:<from team|none>:<to team|none>` / `transfer:…` (the handoffs of a moment).
 */
export const JOURNEY_KEY_PATTERN = new RegExp(
  `^(?:path:${nodePart}(?:>${nodePart}){2,}|edge:${nodePart}>${nodePart}|hop:\\d{1,2}:${nodePart}>${nodePart}|outcome:[a-z_]+|(?:consult|transfer):${teamPart}:${teamPart})$`,
);

/** `GET /api/journeys/conversations`: the conversations behind one number, oldest first, paged. */
export const journeyConversationsQuerySchema = z
  .object({
    ...journeyFilters,
    key: z
      .string()
      .regex(JOURNEY_KEY_PATTERN, { message: 'must be a key the journeys handed out' }),
    offset: z.coerce
      .number({ message: 'must be a whole number' })
      .int({ message: 'must be a whole number' })
      .min(0, { message: 'must be at least 0' })
      .default(0),
    limit: z.coerce
      .number({ message: 'must be a whole number' })
      .int({ message: 'must be a whole number' })
      .min(1, { message: 'must be at least 1' })
      .max(JOURNEY_PAGE_MAX, { message: `must be at most ${JOURNEY_PAGE_MAX}` })
      .default(JOURNEY_PATH_IDS),
  })
  .strict()
  .superRefine(reportRangeCheck);
export type JourneyConversationsQuery = z.output<typeof journeyConversationsQuerySchema>;

/**
 * The satisfaction surveys answered for a set of journeys (see `GET /api/satisfaction`): how many
 * were rated and their mean rating (null without ratings).
 */
export interface JourneyCsatDto {
  rated: number;
  average: number | null;
}

/**
 * A stop on a journey. Its key is `entry:<channel kind>` (the channel of the first customer message;
 * `entry:none` without one), `team:<id>` (`team:none`: no team) or `outcome:<outcome>`.
 */
export interface JourneyNodeDto {
  key: string;
  type: 'entry' | 'team' | 'outcome';
  channelKind?: ChannelKind | null;
  team?: ReportTeamRefDto | null;
  outcome?: JourneyOutcome;
  /** The ratings of the conversations whose path passes this stop. */
  csat: JourneyCsatDto;
}

/** Wall-clock seconds of a step: how many took it, how many were measured, median and p90. */
export interface JourneyEdgeDto {
  /** Drill-down key (`edge:<from>><to>`). */
  key: string;
  from: string;
  to: string;
  count: number;
  /**
   * Entry → first team: until the first answer; team → team: until the pulled-in team accepted;
   * → outcome: from the start until the resolution (resolved outcomes only).
   */
  measured: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface JourneyPathDto {
  /** Drill-down key (`path:<node>>…`). */
  key: string;
  /** Node keys: entry, the team it entered, the teams pulled in (in order, once each), outcome. */
  nodes: string[];
  outcome: JourneyOutcome;
  count: number;
  /** The first JOURNEY_PATH_IDS conversations, oldest first. */
  conversationIds: string[];
  /** The ratings of this path's conversations. */
  csat: JourneyCsatDto;
}

/**
 * A step where customers wait or leave. Ranked worst first: by median wait (a step nobody answered
 * first), then by the share never answered, then by how many took it.
 */
export interface JourneyMomentDto {
  /** Drill-down key: `edge:entry:<kind>>team:<id>` or `consult:<from>:<to>` / `transfer:…`. */
  key: string;
  kind: 'first_response' | 'consult' | 'transfer';
  /** Node key of where the step starts (an entry or a team) and of the team that should answer. */
  from: string;
  to: string;
  count: number;
  /** Answered (first response) or accepted (consult, transfer). */
  answered: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  /** Share of `count` never answered or accepted, 0–1. */
  unansweredShare: number;
}

/** `GET /api/journeys`. */
export interface JourneyOverviewDto {
  from: string;
  to: string;
  timeZone: string;
  conversations: number;
  outcomes: Record<JourneyOutcome, number>;
  /** The ratings of all the range's conversations. */
  csat: JourneyCsatDto;
  nodes: JourneyNodeDto[];
  /** Most taken first. */
  paths: JourneyPathDto[];
  edges: JourneyEdgeDto[];
  moments: JourneyMomentDto[];
}

/** One conversation behind a journey number, as the drill-down lists it. */
export interface JourneyConversationRowDto {
  id: string;
  subject: string | null;
  contactName: string;
  status: string;
  /** The channel kind it began on. */
  entryKind: ChannelKind | null;
  /** The team that holds it now. */
  team: ReportTeamRefDto | null;
  createdAt: string;
}

/** `GET /api/journeys/conversations`. */
export interface JourneyConversationsDto {
  ids: string[];
  /** The same conversations, in the same order, with what a list shows of them. */
  conversations: JourneyConversationRowDto[];
  /** Offset of the next page; null on the last. */
  nextOffset: number | null;
}
