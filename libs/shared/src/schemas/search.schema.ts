import { z } from 'zod';
import { CHANNEL_KINDS, CONVERSATION_STATUSES, type MessageType } from '../constants/channels';
import type { ChannelRefDto } from './channel.schema';
import { uuidSchema, wholeNumberSchema } from './common.schema';
import type { ConversationSummaryDto, MessageAuthorDto } from './conversation.schema';

export const SEARCH_TEXT_MIN = 2;
export const SEARCH_TEXT_MAX = 200;
export const SEARCH_PAGE_SIZE_DEFAULT = 20;
export const SEARCH_PAGE_SIZE_MAX = 50;
/** Matching messages shown per conversation found (the newest ones). */
export const SEARCH_ENTRIES_PER_CONVERSATION = 3;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = 'must be an ISO date (2026-03-01) or date and time (2026-03-01T08:00:00Z)';

/**
 * A moment given as an ISO date or date-time. A date alone is a whole UTC day: `from` starts at its
 * beginning, `to` ends with it. The output is always an instant; `to` is exclusive.
 */
function boundSchema(end: 'from' | 'to') {
  return z
    .string({ message: dateMessage })
    .trim()
    .refine(
      (v) =>
        z.iso.date().safeParse(v).success || z.iso.datetime({ offset: true }).safeParse(v).success,
      { message: dateMessage },
    )
    .transform((v) => {
      if (!DATE_ONLY.test(v)) return new Date(v).toISOString();
      const day = new Date(`${v}T00:00:00.000Z`);
      if (end === 'to') day.setUTCDate(day.getUTCDate() + 1);
      return day.toISOString();
    });
}

/**
 * `GET /api/search`: words in every message (replies, customer messages, notes, calls), subject and
 * contact field of the conversations the user may see, narrowed by the filters. `from`/`to` bound the
 * time of the matching message; `ownerId` is a user's id, `me` or `none` (unowned).
 */
export const searchQuerySchema = z
  .object({
    q: z
      .string({ message: 'is required' })
      .trim()
      .min(SEARCH_TEXT_MIN, {
        message: `must be ${SEARCH_TEXT_MIN} to ${SEARCH_TEXT_MAX} characters`,
      })
      .max(SEARCH_TEXT_MAX, {
        message: `must be ${SEARCH_TEXT_MIN} to ${SEARCH_TEXT_MAX} characters`,
      }),
    channelKind: z
      .enum(CHANNEL_KINDS, { message: `must be one of ${CHANNEL_KINDS.join(', ')}` })
      .optional(),
    teamId: uuidSchema.optional(),
    ownerId: z
      .union([z.literal('me'), z.literal('none'), uuidSchema], {
        message: 'must be a UUID, me or none',
      })
      .optional(),
    status: z
      .enum(CONVERSATION_STATUSES, {
        message: `must be one of ${CONVERSATION_STATUSES.join(', ')}`,
      })
      .optional(),
    from: boundSchema('from').optional(),
    to: boundSchema('to').optional(),
    cursor: z.string().max(200, { message: 'is not valid' }).optional(),
    limit: wholeNumberSchema(1, SEARCH_PAGE_SIZE_MAX).default(SEARCH_PAGE_SIZE_DEFAULT),
  })
  .strict()
  .refine((s) => !s.from || !s.to || s.from < s.to, {
    path: ['to'],
    message: 'must be after from',
  });
export type SearchQuery = z.input<typeof searchQuerySchema>;
export type SearchParams = z.output<typeof searchQuerySchema>;

/** A matching message: where it is in the thread, and a snippet with the found words marked. */
export interface SearchEntryDto {
  messageId: string;
  seq: number;
  type: MessageType;
  /** A note that is a suggested reply. */
  suggestion: boolean;
  channel: ChannelRefDto | null;
  author: MessageAuthorDto;
  createdAt: string;
  /** Plain text (never HTML) around the found words; `…` where it was cut. */
  snippet: string;
  /** The found words in `snippet`: [start, end) character offsets (UTF-16, as JavaScript counts). */
  highlights: [number, number][];
}

export interface SearchHitDto {
  conversation: ConversationSummaryDto;
  /** The newest matching messages, newest first, at most `SEARCH_ENTRIES_PER_CONVERSATION`. */
  entries: SearchEntryDto[];
  /** How many messages of the conversation match (within the date range). */
  matchCount: number;
  /** The contact's name, email address or phone number matched. */
  contactMatched: boolean;
}

/**
 * Conversations found, the one with the newest match first (a conversation found by its contact
 * alone counts with its last activity); each conversation appears once across the pages.
 */
export interface SearchResultDto {
  items: SearchHitDto[];
  nextCursor: string | null;
}
