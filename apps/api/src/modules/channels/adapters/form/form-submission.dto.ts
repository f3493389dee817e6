import { emailSchema, LOCALES, MESSAGE_BODY_MAX_LENGTH, NAME_MAX_LENGTH } from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { CustomerContent } from '../../../../core/http/validation.pipe';
import { toE164 } from './phone-number';

/** Browser forms send empty strings for fields left blank: those mean "not given". */
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

/** Body of `POST /forms/:channelId` (JSON or a browser's urlencoded form). */
export const formSubmissionSchema = z.object({
  name: z
    .string({ message: 'is required' })
    .trim()
    .min(1, { message: 'is required' })
    .max(NAME_MAX_LENGTH, { message: `must be at most ${NAME_MAX_LENGTH} characters` }),
  email: emailSchema,
  phone: optional(
    z
      .string()
      .max(40, { message: 'is too long' })
      .refine((v) => toE164(v) !== undefined, { message: 'must be a phone number' }),
  ),
  subject: optional(z.string().trim().max(300, { message: 'must be at most 300 characters' })),
  message: z
    .string({ message: 'is required' })
    .trim()
    .min(1, { message: 'is required' })
    .max(MESSAGE_BODY_MAX_LENGTH, {
      message: `must be at most ${MESSAGE_BODY_MAX_LENGTH} characters`,
    }),
  /** Language of the thank-you page (the embedded form sends its own). */
  lang: optional(z.enum(LOCALES, { message: `must be one of ${LOCALES.join(', ')}` })),
  /** Where a browser goes afterwards; only URLs the channel allows are followed. */
  redirect: optional(z.string().max(2000)),
  /** Honeypot: hidden from people, filled in by bots. Anything here means spam. */
  website: z.unknown().optional(),
});

/** A customer's words: odd characters are kept (replaced and flagged by the inbound pipeline), not refused. */
@CustomerContent()
export class FormSubmissionDto extends createZodDto(formSubmissionSchema) {}
export type FormSubmission = z.output<typeof formSubmissionSchema>;

/** What the intake stores for a form post (`inbound_events.payload`). */
export interface StoredFormSubmission {
  name: string;
  email: string;
  phone?: string;
  subject?: string;
  message: string;
  locale?: string;
  ip?: string;
  userAgent?: string;
  submittedAt: string;
}

/** The stored payload read back (lenient: it was validated on the way in, but outlives code versions). */
export const storedFormSubmissionSchema = z.object({
  name: z.string().optional(),
  email: z.string(),
  phone: z.string().optional(),
  subject: z.string().optional(),
  message: z.string(),
  submittedAt: z.string().optional(),
});
