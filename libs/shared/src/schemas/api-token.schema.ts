import { z } from 'zod';
import { API_SCOPES, type ApiScope } from '../constants/api-scopes';
import { NAME_MAX_LENGTH } from '../constants/limits';

export const createApiTokenSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { message: 'is required' })
      .max(NAME_MAX_LENGTH, { message: `must be at most ${NAME_MAX_LENGTH} characters` }),
    scopes: z
      .array(z.enum(API_SCOPES, { message: `must be one of ${API_SCOPES.join(', ')}` }))
      .min(1, { message: 'must name at least one scope' })
      .max(API_SCOPES.length)
      .transform((s) => [...new Set(s)]),
    /** ISO time after which the token stops working; none: until revoked. */
    expiresAt: z.iso
      .datetime({ offset: true, message: 'must be an ISO date-time' })
      .refine((v) => Date.parse(v) > Date.now(), { message: 'must be in the future' })
      .nullable()
      .default(null),
  })
  .strict();
export type CreateApiTokenRequest = z.input<typeof createApiTokenSchema>;

export interface ApiTokenDto {
  id: string;
  name: string;
  scopes: ApiScope[];
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** Answered once, on create: the secret is stored only as a hash. */
export interface ApiTokenWithSecretDto extends ApiTokenDto {
  /** `tp_<random>`, sent as `Authorization: Bearer tp_...`. */
  token: string;
}
