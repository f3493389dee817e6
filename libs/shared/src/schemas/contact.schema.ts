import { z } from 'zod';
import { uuidSchema } from './common.schema';
import { CHANNEL_KINDS, IDENTITY_KINDS, type IdentityKind } from '../constants/channels';

/**
 * How a contact prefers to be reached: a channel kind (replies go there first) or `phone` (they
 * want a call, which agents log by hand).
 */
export const PREFERRED_CHANNELS = [...CHANNEL_KINDS, 'phone'] as const;
export type PreferredChannel = (typeof PREFERRED_CHANNELS)[number];

/** What a contact consents to be contacted for. */
export const CONSENT_PURPOSES = ['service', 'marketing'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Consent is given per channel kind, or for every channel (`all`). */
export const CONSENT_CHANNELS = ['all', ...CHANNEL_KINDS, 'phone'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

const trimmed = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (24 hours)');

/** When the contact does not want to be reached, in their time zone (may span midnight). */
export const quietHoursSchema = z
  .object({
    from: clock,
    to: clock,
    timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
  })
  .strict();
export type QuietHours = z.infer<typeof quietHoursSchema>;

/** Custom attributes: flat key → value, keys like `customer_no`. */
export const contactAttributesSchema = z
  .record(
    z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, 'keys are lower-case letters, digits and _ (max 40)'),
    z.union([trimmed(500), z.number().finite(), z.boolean(), z.null()]),
  )
  .refine((a) => Object.keys(a).length <= 50, 'at most 50 attributes');
export type ContactAttributes = z.infer<typeof contactAttributesSchema>;

/** `PATCH /api/contacts/:id`: every field optional; null clears it. */
export const updateContactSchema = z
  .object({
    name: trimmed(200).optional(),
    company: trimmed(200).nullable().optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language code such as de or en-GB')
      .nullable()
      .optional(),
    preferredChannel: z
      .enum(PREFERRED_CHANNELS, {
        message: `must be one of ${PREFERRED_CHANNELS.join(', ')}, or null`,
      })
      .nullable()
      .optional(),
    quietHours: quietHoursSchema.nullable().optional(),
    /** Replaces the attributes as a whole; null values remove a key. */
    attributes: contactAttributesSchema.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change');
export type UpdateContactRequest = z.input<typeof updateContactSchema>;

/** `POST /api/contacts/:id/identities`: staff add an address the customer gave (unverified). */
export const addIdentitySchema = z
  .object({
    kind: z.enum(IDENTITY_KINDS, { message: `must be one of ${IDENTITY_KINDS.join(', ')}` }),
    address: z.string().trim().min(1, 'is required').max(255),
  })
  .strict();
export type AddIdentityRequest = z.input<typeof addIdentitySchema>;

/** `POST /api/contacts/:id/consents`: records a consent given or withdrawn, with where it came from. */
export const recordConsentSchema = z
  .object({
    purpose: z.enum(CONSENT_PURPOSES, { message: `must be one of ${CONSENT_PURPOSES.join(', ')}` }),
    channel: z.enum(CONSENT_CHANNELS, { message: `must be one of ${CONSENT_CHANNELS.join(', ')}` }),
    granted: z.boolean(),
    /** How it was given: "phone call 2026-12-01", "web form", "double opt-in". */
    source: z.string().trim().min(1, 'is required: say how the consent was given').max(200),
  })
  .strict();
export type RecordConsentRequest = z.input<typeof recordConsentSchema>;

export const contactNoteSchema = z
  .object({ body: z.string().trim().min(1, 'is required').max(10_000) })
  .strict();
export type ContactNoteRequest = z.input<typeof contactNoteSchema>;

/**
 * `POST /api/contacts/:id/merge`: merges `otherContactId` into this contact. `basis` says why they are
 * one person: identifiers both hold verified (the server checks them), or a staff member's own check,
 * which needs a note saying what was checked. Unverified data alone never merges.
 */
export const CONTACT_MERGE_BASES = ['verified_identifiers', 'confirmed_by_staff'] as const;
export type ContactMergeBasis = (typeof CONTACT_MERGE_BASES)[number];

export const mergeContactsSchema = z
  .object({
    otherContactId: uuidSchema,
    basis: z.enum(CONTACT_MERGE_BASES, {
      message: 'must be verified_identifiers or confirmed_by_staff',
    }),
    /** Required with confirmed_by_staff: how staff confirmed it is the same person. */
    note: z.string().trim().max(1000).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.basis === 'confirmed_by_staff' && (v.note?.length ?? 0) < 3)
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'is required with confirmed_by_staff: say how you confirmed it is the same person',
      });
  });
export type MergeContactsRequest = z.input<typeof mergeContactsSchema>;

export const contactListSchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
export type ContactListParams = z.input<typeof contactListSchema>;

export interface ContactListItemDto {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company: string | null;
  identityKinds: IdentityKind[];
  openConversations: number;
  lastActivityAt: string | null;
}

export interface ContactListDto {
  contacts: ContactListItemDto[];
  nextCursor: string | null;
}

export interface ConsentDto {
  purpose: ConsentPurpose;
  channel: ConsentChannel;
  granted: boolean;
  source: string;
  recordedAt: string;
  recordedBy: { id: string; name: string } | null;
}

export interface ContactNoteDto {
  id: string;
  body: string;
  author: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
}

export const CONTACT_CHANGE_KINDS = [
  'profile',
  'identity.added',
  'identity.removed',
  'consent',
  'note',
  'merged',
  'unmerged',
] as const;
export type ContactChangeKind = (typeof CONTACT_CHANGE_KINDS)[number];

/** One entry of a contact's edit history. `changes`: field → [before, after]. */
export interface ContactChangeDto {
  id: string;
  kind: ContactChangeKind;
  actor: { id: string; name: string } | null;
  changes: Record<string, [unknown, unknown]>;
  data: Record<string, unknown>;
  createdAt: string;
}

/** Why two contacts may be one person: the identifiers they share and what each says. */
export interface MergeEvidenceDto {
  kind: IdentityKind | 'name';
  address: string;
  /** Whether the channel proved it for each side. */
  verified: boolean;
  seenAt: string;
  /** The message that carried both, if one did. */
  messageId: string | null;
}

export interface MergeSuggestionDto {
  id: string;
  contact: ContactListItemDto;
  evidence: MergeEvidenceDto[];
  /** Every piece of evidence verified: may be merged with basis `verified_identifiers`. */
  verified: boolean;
}

export interface ContactMergeDto {
  id: string;
  /** The contact kept. */
  contactId: string;
  /** The contact merged into it (restored by undo). */
  mergedContactId: string;
  mergedContactName: string;
  basis: ContactMergeBasis;
  note: string | null;
  actor: { id: string; name: string } | null;
  createdAt: string;
  undoneAt: string | null;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
