import { z } from 'zod';
import { CHANNEL_KINDS, type ChannelKind } from '../constants/channels';
import { uuidSchema } from './common.schema';
import { DEFAULT_TIME_ZONE, isIsoDate, timeZoneSchema } from './sla.schema';

/** A survey takes a rating, and changes to it, this long after it was sent (then the link answers 410). */
export const CSAT_LINK_DAYS = 7;

/** The longest an admin may have a survey wait after the resolution: a week. */
export const CSAT_DELAY_MAX_SECONDS = 7 * 24 * 3600;

const delayMessage = `must be a whole number of seconds from 0 to ${CSAT_DELAY_MAX_SECONDS}`;

/** `GET|PUT /api/satisfaction/settings` (admins): whether customers are asked, and when. */
export interface SatisfactionSettingsDto {
  enabled: boolean;
  /** How long after the resolution the survey goes out (a reopen meanwhile cancels it). */
  delaySeconds: number;
}

/** `PUT /api/satisfaction/settings`: the switch, the delay or both; what is left out stays. */
export const satisfactionSettingsSchema = z
  .object({
    enabled: z.boolean({ message: 'must be true or false' }),
    delaySeconds: z
      .number({ message: delayMessage })
      .int({ message: delayMessage })
      .min(0, { message: delayMessage })
      .max(CSAT_DELAY_MAX_SECONDS, { message: delayMessage }),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateSatisfactionSettingsRequest = z.input<typeof satisfactionSettingsSchema>;

/** Why a survey was not sent (it never will be for that conversation). */
export const CSAT_SKIP_REASONS = [
  'disabled',
  'merged',
  'contact_erased',
  'internal_only',
  'no_customer_reply_channel',
  'service_consent_refused',
  'reply_window_closed',
] as const;
export type CsatSkipReason = (typeof CSAT_SKIP_REASONS)[number];

/** `POST /csat/:token`: a rating 1–5 (a form posts it as text) and an optional comment. */
export const csatRatingSchema = z
  .object({
    rating: z.coerce
      .number({ message: 'must be a number from 1 to 5' })
      .int({ message: 'must be a whole number from 1 to 5' })
      .min(1, { message: 'must be at least 1' })
      .max(5, { message: 'must be at most 5' }),
    comment: z.string().trim().max(1000, { message: 'must be at most 1000 characters' }).optional(),
  })
  .strict();
export type CsatRatingInput = z.input<typeof csatRatingSchema>;

/** visitor → server `widget.rate`: the rating of a survey asked in the website chat. */
export const widgetRateRequestSchema = csatRatingSchema.extend({ messageId: uuidSchema });
export type WidgetRateRequest = z.output<typeof widgetRateRequestSchema>;

/** A survey range covers at most this many days. */
export const SATISFACTION_MAX_DAYS = 366;

const surveyDate = z
  .string({ message: 'must be a date as YYYY-MM-DD' })
  .refine(isIsoDate, { message: 'must be a date as YYYY-MM-DD', params: { reason: 'date' } });

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/**
 * `GET /api/satisfaction`: surveys sent on the days `from` to `to` (both included) in `timeZone`,
 * optionally of one team (the conversation's at resolution) or channel kind (the survey's).
 */
export const satisfactionQuerySchema = z
  .object({
    from: surveyDate,
    to: surveyDate,
    timeZone: timeZoneSchema.default(DEFAULT_TIME_ZONE),
    teamId: uuidSchema.optional(),
    channelKind: z
      .enum(CHANNEL_KINDS, { message: `must be one of ${CHANNEL_KINDS.join(', ')}` })
      .optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (!isIsoDate(q.from) || !isIsoDate(q.to)) return;
    const days = dayNumber(q.to) - dayNumber(q.from) + 1;
    if (days < 1)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (days > SATISFACTION_MAX_DAYS)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be at most ${SATISFACTION_MAX_DAYS} days after from`,
      });
  });
export type SatisfactionQuery = z.output<typeof satisfactionQuerySchema>;
export type SatisfactionQueryInput = z.input<typeof satisfactionQuerySchema>;

/** Figures of a set of surveys. */
export interface SatisfactionFiguresDto {
  /** Surveys sent. */
  requested: number;
  /** Of those, rated. */
  rated: number;
  /** rated / requested; null when none were sent. */
  responseRate: number | null;
  /** Mean rating; null without ratings. */
  average: number | null;
  /** Ratings 1 to 5: how many of each (index 0 is rating 1). */
  distribution: [number, number, number, number, number];
}

export interface SatisfactionGroupDto extends SatisfactionFiguresDto {
  /** The team, channel kind or agent; null: none (e.g. resolved without an owner). */
  key: string | null;
  name: string;
}

/** `GET /api/satisfaction`. */
export interface SatisfactionResultsDto {
  from: string;
  to: string;
  timeZone: string;
  totals: SatisfactionFiguresDto;
  byTeam: SatisfactionGroupDto[];
  byChannel: (SatisfactionGroupDto & { key: ChannelKind })[];
  /** By the conversation's owner at resolution. */
  byAgent: SatisfactionGroupDto[];
}
