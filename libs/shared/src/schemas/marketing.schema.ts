import { z } from 'zod';
import type { IdentityKind } from '../constants/channels';
import { wholeNumberSchema } from './common.schema';

/**
 * Which of a team's conversations put their contact on hold for marketing (no offers while a
 * support problem is unresolved): `open_and_pending` (the default; a snoozed conversation is
 * pending too, put aside until a time), only `open`, or `none` (e.g. a sales team).
 */
export const MARKETING_HOLD_POLICIES = ['open_and_pending', 'open', 'none'] as const;
export type MarketingHoldPolicy = (typeof MARKETING_HOLD_POLICIES)[number];
export const DEFAULT_MARKETING_HOLD_POLICY: MarketingHoldPolicy = 'open_and_pending';

/** Why a contact is suppressed: a support conversation of theirs is still open. */
export const SUPPRESSION_REASONS = ['support_open'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export const SUPPRESSIONS_PAGE_SIZE_DEFAULT = 100;
export const SUPPRESSIONS_PAGE_SIZE_MAX = 1000;

/** An opaque cursor handed out by the API; its content is checked by the server. */
const cursorSchema = z
  .string({ message: 'must be a cursor the API handed out' })
  .trim()
  .min(1, { message: 'must be a cursor the API handed out' })
  .max(100, { message: 'must be a cursor the API handed out' });

/**
 * `GET /api/marketing/suppressions`. Without `since`: the contacts suppressed now, a page of `limit`
 * at a time (`cursor`: the `nextCursor` of the page before). With `since` (the list's `since` or a
 * poll's `nextCursor`): every change after it, oldest first.
 */
export const suppressionsQuerySchema = z
  .object({
    since: cursorSchema.optional(),
    cursor: cursorSchema.optional(),
    limit: wholeNumberSchema(1, SUPPRESSIONS_PAGE_SIZE_MAX).default(SUPPRESSIONS_PAGE_SIZE_DEFAULT),
  })
  .strict()
  .refine((q) => !(q.since && q.cursor), {
    path: ['cursor'],
    message: 'cannot be combined with since: changes are read with since alone',
  });
export type SuppressionsQuery = z.input<typeof suppressionsQuerySchema>;
export type SuppressionsParams = z.output<typeof suppressionsQuerySchema>;

/** One contact's state for marketing tools, with the addresses they match their lists on. */
export interface SuppressionEntryDto {
  contactId: string;
  /** true: send no marketing to this contact; false: the hold ended, marketing may resume. */
  suppressed: boolean;
  reason: SuppressionReason;
  /** When the hold this entry is about began. */
  since: string;
  /** When this change happened (the hold began, or ended). */
  changedAt: string;
  /** The contact's current addresses (empty once the contact was erased). */
  email: string | null;
  phone: string | null;
  identities: { kind: IdentityKind; address: string }[];
}

export interface SuppressionPageDto {
  items: SuppressionEntryDto[];
  /**
   * Without `since`: the `cursor` of the next page, null after the last one. With `since`: the
   * `since` of the next poll (the same as given when nothing changed); never null.
   */
  nextCursor: string | null;
  /**
   * Without `since`: where this list stands among the changes; poll with `since` set to the first
   * page's value to hear of every change after the list. With `since`: null.
   */
  since: string | null;
  /** More entries wait than this page held: read the next page, or poll again at once. */
  hasMore: boolean;
}

/** A contact's running marketing hold, on the contact profile. */
export interface MarketingHoldDto {
  since: string;
  /** The conversations that keep it on hold. */
  conversationIds: string[];
}
