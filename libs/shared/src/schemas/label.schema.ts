import { z } from 'zod';
import { uuidSchema } from './common.schema';

export const LABEL_NAME_MAX_LENGTH = 40;

const name = z
  .string({ message: 'is required' })
  .trim()
  .min(1, { message: 'is required' })
  .max(LABEL_NAME_MAX_LENGTH, { message: `must be at most ${LABEL_NAME_MAX_LENGTH} characters` });
const color = z
  .string({ message: 'is required' })
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, { message: 'must be a colour like #1f6feb' });

/** `POST /api/labels` (supervisors and admins). */
export const createLabelSchema = z.object({ name, color }).strict();
export type CreateLabelRequest = z.input<typeof createLabelSchema>;

export const updateLabelSchema = z
  .object({ name, color })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateLabelRequest = z.input<typeof updateLabelSchema>;

/** `POST /api/conversations/:id/labels`. */
export const addConversationLabelSchema = z.object({ labelId: uuidSchema }).strict();
export type AddConversationLabelRequest = z.input<typeof addConversationLabelSchema>;

export interface LabelDto {
  id: string;
  name: string;
  /** `#rrggbb`. */
  color: string;
}
