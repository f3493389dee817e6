import { z } from 'zod';
import { uuidSchema, wholeNumberSchema } from './common.schema';

/**
 * `POST /api/contacts/:id/erase`: `confirm` repeats the contact's id, so that no erasure happens by a
 * slip of a script or a double submit to another contact.
 */
export const eraseContactSchema = z
  .object({ confirm: z.string({ message: "is required: the contact's id, repeated" }) })
  .strict();
export type EraseContactRequest = z.input<typeof eraseContactSchema>;

/** What an erasure did, in figures (never the data itself). */
export interface ContactErasureDto {
  contactId: string;
  erasedAt: string;
  conversations: number;
  messages: number;
  attachments: number;
  /** Rows removed or blanked per table, beyond the conversations, messages and attachments. */
  rows: Record<string, number>;
}

export const AUDIT_ACTIONS = [
  'contact.exported',
  'contact.erased',
  // A shared goal is an agreement between teams: who set or moved a target is on record.
  'goal.created',
  'goal.changed',
  'goal.removed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One line of the audit log: who did what to which record, with figures but no personal data. */
export interface AuditLogEntryDto {
  id: string;
  actor: { id: string; name: string } | null;
  action: AuditAction;
  subjectType: 'contact' | 'goal';
  subjectId: string;
  details: Record<string, unknown>;
  createdAt: string;
}

export interface AuditLogPageDto {
  items: AuditLogEntryDto[];
  /** Pass as `cursor` for older entries; null at the end. */
  nextCursor: string | null;
}

export const auditLogQuerySchema = z
  .object({
    cursor: z.string().max(200).optional(),
    limit: wholeNumberSchema(1, 200).default(50),
    subjectId: uuidSchema.optional(),
  })
  .strict();
export type AuditLogQuery = z.input<typeof auditLogQuerySchema>;
