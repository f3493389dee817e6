import { z } from 'zod';
import { PG_INT_MAX } from '../constants/limits';

export const uuidSchema = z.uuid({ message: 'must be a UUID' });

/**
 * A whole number from `min` to `max` (by default what PostgreSQL's `int` holds), also given as a
 * query-string: anything else is a 400 naming the field, never a database error.
 */
export function wholeNumberSchema(min: number, max = PG_INT_MAX) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ message }).int({ message }).min(min, { message }).max(max, { message });
}

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
  /** Ids the message speaks of, for the client to act on (e.g. the contact an address belongs to). */
  related?: Record<string, string>;
}

/** Email addresses are compared lowercased and trimmed everywhere. */
export const emailSchema = z
  .string({ message: 'must be an email address' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address' }).max(254, { message: 'is too long' }));
