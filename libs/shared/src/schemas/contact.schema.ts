import { z } from 'zod';
import { CHANNEL_KINDS } from '../constants/channels';

/**
 * How a contact prefers to be reached: a channel kind (replies go there first) or `phone` (they
 * want a call, which agents log by hand).
 */
export const PREFERRED_CHANNELS = [...CHANNEL_KINDS, 'phone'] as const;
export type PreferredChannel = (typeof PREFERRED_CHANNELS)[number];

/** `PATCH /api/contacts/:id`: null clears the preference. */
export const updateContactSchema = z
  .object({
    preferredChannel: z
      .enum(PREFERRED_CHANNELS, {
        message: `must be one of ${PREFERRED_CHANNELS.join(', ')}, or null`,
      })
      .nullable(),
  })
  .strict();
export type UpdateContactRequest = z.input<typeof updateContactSchema>;
