import { z } from 'zod';
import type { ChannelKind, ConversationStatus } from '../constants/channels';
import { uuidSchema } from './common.schema';
import type { ConversationSummaryDto, UserRefDto } from './conversation.schema';

/** `POST /api/conversations/:id/merge`: the conversation `sourceConversationId` goes into `:id`. */
export const mergeConversationSchema = z.object({ sourceConversationId: uuidSchema }).strict();
export type MergeConversationRequest = z.input<typeof mergeConversationSchema>;

/** `POST /api/conversations/:id/unmerge`: undoes the merge `mergeId` into `:id`. */
export const unmergeConversationSchema = z.object({ mergeId: uuidSchema }).strict();
export type UnmergeConversationRequest = z.input<typeof unmergeConversationSchema>;

export const SPLIT_NOTE_MAX_LENGTH = 2000;

/**
 * `POST /api/conversations/:id/split`: `messageId` and every later entry start a new conversation of
 * the same contact, waiting unassigned in `teamId` (default: the conversation's team).
 */
export const splitConversationSchema = z
  .object({
    messageId: uuidSchema,
    teamId: uuidSchema.optional(),
    note: z
      .string({ message: 'must be a text' })
      .trim()
      .max(SPLIT_NOTE_MAX_LENGTH, {
        message: `must be at most ${SPLIT_NOTE_MAX_LENGTH} characters`,
      })
      .optional(),
  })
  .strict();
export type SplitConversationRequest = z.input<typeof splitConversationSchema>;

/** `POST /api/handoffs/:id/split`: the automatic consult's message goes its own way, to that team. */
export const splitConsultSchema = z
  .object({
    note: splitConversationSchema.shape.note,
  })
  .strict();
export type SplitConsultRequest = z.input<typeof splitConsultSchema>;

/** Another conversation of the same contact that could be merged into this one. */
export interface MergeCandidateDto {
  id: string;
  subject: string | null;
  status: ConversationStatus;
  channelKinds: ChannelKind[];
  owner: UserRefDto | null;
  team: { id: string; name: string } | null;
  /** When its latest message was written; null without messages. */
  lastMessageAt: string | null;
  lastActivityAt: string;
}

export interface MergeResultDto {
  mergeId: string;
  conversation: ConversationSummaryDto;
}

export interface UnmergeResultDto {
  conversation: ConversationSummaryDto;
  /** The conversation that was merged in, restored. */
  restored: ConversationSummaryDto;
}

export interface SplitResultDto {
  conversation: ConversationSummaryDto;
  /** The new conversation holding the message and what followed it. */
  split: ConversationSummaryDto;
}
