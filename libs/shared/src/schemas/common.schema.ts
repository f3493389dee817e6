import { z } from 'zod';

export const uuidSchema = z.uuid({ message: 'must be a UUID' });

export const idParamSchema = z.object({ id: uuidSchema });

/** Body of every error the API answers with. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  /** Machine-readable code, e.g. `auth.invalid_credentials`. */
  code?: string;
  /** Per-field problems of a validation error. */
  details?: { path: string; message: string }[];
}

/** Email addresses are compared lowercased and trimmed everywhere. */
export const emailSchema = z
  .string({ message: 'must be an email address' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address' }).max(254, { message: 'is too long' }));
