import { z } from 'zod';
import { uuidSchema } from './common.schema';

export const BULK_CONVERSATIONS_MAX = 100;
export const BULK_ACTIONS = ['assign', 'label', 'unlabel', 'resolve'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/**
 * `POST /api/conversations/bulk`: one action on many conversations, each by the rules of the single
 * action. `assign` takes `userId` (the owner) and/or `teamId` (without `userId`: unowned in that
 * team's queue); `label` and `unlabel` take `labelId`.
 */
export const bulkConversationsSchema = z
  .object({
    conversationIds: z
      .array(uuidSchema, { message: 'must be a list of conversation ids' })
      .min(1, { message: 'must name at least one conversation' })
      .max(BULK_CONVERSATIONS_MAX, {
        message: `must name at most ${BULK_CONVERSATIONS_MAX} conversations`,
      }),
    action: z.enum(BULK_ACTIONS, { message: `must be one of ${BULK_ACTIONS.join(', ')}` }),
    userId: uuidSchema.optional(),
    teamId: uuidSchema.optional(),
    labelId: uuidSchema.optional(),
  })
  .strict()
  .refine((v) => v.action !== 'assign' || v.userId !== undefined || v.teamId !== undefined, {
    path: ['userId'],
    message: 'or teamId is required to assign',
  })
  .refine((v) => !['label', 'unlabel'].includes(v.action) || v.labelId !== undefined, {
    path: ['labelId'],
    message: 'is required to add or remove a label',
  });
export type BulkConversationsRequest = z.input<typeof bulkConversationsSchema>;
export type BulkConversationsParams = z.output<typeof bulkConversationsSchema>;

export interface BulkConversationResultDto {
  conversationId: string;
  outcome: 'done' | 'refused';
  /** Why it was refused, in words for the user; with the error's machine code. */
  reason?: string;
  code?: string;
}

export interface BulkConversationsResultDto {
  results: BulkConversationResultDto[];
  done: number;
  refused: number;
}
