import { z } from 'zod';
import { MESSAGE_BODY_MAX_LENGTH } from '../constants/channels';
import { uuidSchema, wholeNumberSchema } from './common.schema';

/**
 * What AI assistance can do, each switched on or off by an admin:
 * `handoff_summary` drafts the note when pulling someone in, `summary` sums up a conversation for
 * whoever joins, `reply_draft` drafts an answer into the composer, `translate` translates a message
 * into the agent's language and a draft into the customer's, `team_suggestion` proposes whom to pull in.
 */
export const ASSIST_FEATURES = [
  'handoff_summary',
  'summary',
  'reply_draft',
  'translate',
  'team_suggestion',
] as const;
export type AssistFeature = (typeof ASSIST_FEATURES)[number];

/** `GET /api/assist/status`: which features the caller may use now (all false when not configured). */
export interface AssistStatusDto {
  /** AI_BASE_URL, AI_API_KEY and AI_MODEL are set. */
  configured: boolean;
  features: Record<AssistFeature, boolean>;
}

/** `GET /api/assist/settings` (admins): the switches, whether or not the model server is configured. */
export interface AssistSettingsDto {
  configured: boolean;
  /** AI_MODEL, when configured. */
  model: string | null;
  switches: Record<AssistFeature, boolean>;
}

export const updateAssistSettingsSchema = z
  .object({
    switches: z
      .object(
        Object.fromEntries(
          ASSIST_FEATURES.map((f) => [
            f,
            z.boolean({ message: 'must be true or false' }).optional(),
          ]),
        ) as Record<AssistFeature, z.ZodOptional<z.ZodBoolean>>,
      )
      .strict(),
  })
  .strict();
export type UpdateAssistSettingsRequest = z.input<typeof updateAssistSettingsSchema>;

/**
 * `POST /api/conversations/:id/assist/translate`: `messageId` translates that message of the
 * conversation into the caller's language; `text` (a reply draft) is translated into the customer's.
 */
export const assistTranslateSchema = z
  .object({
    messageId: uuidSchema.optional(),
    text: z
      .string({ message: 'must be text' })
      .trim()
      .min(1, { message: 'must not be empty' })
      .max(MESSAGE_BODY_MAX_LENGTH, {
        message: `must be at most ${MESSAGE_BODY_MAX_LENGTH} characters`,
      })
      .optional(),
  })
  .strict()
  .refine((b) => Boolean(b.messageId) !== Boolean(b.text), {
    message: 'give either messageId (a message to translate) or text (a draft to translate)',
    path: ['messageId'],
  });
export type AssistTranslateRequest = z.input<typeof assistTranslateSchema>;

/** `POST /api/conversations/:id/assist/reply-draft`: the channel the reply will go out on (default: the customer's last). */
export const assistReplyDraftSchema = z
  .object({
    channelId: uuidSchema.optional(),
    /** What the agent wants to say, in a few words. */
    hint: z
      .string({ message: 'must be text' })
      .trim()
      .max(500, { message: 'must be at most 500 characters' })
      .optional(),
  })
  .strict();
export type AssistReplyDraftRequest = z.input<typeof assistReplyDraftSchema>;

/** `POST /api/conversations/:id/assist/team-suggestion`. */
export interface AssistTeamSuggestionDto {
  team: { id: string; name: string };
  reason: string;
}

/**
 * The streaming features answer `text/event-stream`: `data: {"text":"…"}` pieces as the model
 * writes, then `event: done` with `data: {"length":n}`, or `event: error` with an ApiErrorBody.
 */
export interface AssistStreamPiece {
  text: string;
}

export const ASSIST_OUTCOMES = [
  'completed',
  'cancelled',
  'timeout',
  'provider_error',
  'unreachable',
] as const;
export type AssistOutcome = (typeof ASSIST_OUTCOMES)[number];

/** One call to the model server: who, for which conversation and feature, sizes and time; no content. */
export interface AssistCallDto {
  id: string;
  user: { id: string; name: string } | null;
  conversationId: string | null;
  feature: AssistFeature;
  inputChars: number;
  outputChars: number;
  durationMs: number;
  outcome: AssistOutcome;
  createdAt: string;
}

export const assistCallsQuerySchema = z
  .object({ limit: wholeNumberSchema(1, 200).default(50) })
  .strict();
export type AssistCallsQuery = z.input<typeof assistCallsQuerySchema>;
