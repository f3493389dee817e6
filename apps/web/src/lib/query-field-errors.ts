import type { z } from 'zod';
import { ApiError } from '../api/http';

/**
 * The first message per field of a filtered query (a report's, the journeys'): what the contract's
 * schema says of the query as typed, else what the API answered with a 400.
 */
export function queryFieldErrors<Field extends string>(
  schema: z.ZodType,
  query: unknown,
  error: unknown,
  fields: readonly Field[],
): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  const parsed = schema.safeParse(query);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as Field;
      errors[field] ??= issue.message;
    }
  if (error instanceof ApiError && error.status === 400)
    for (const detail of error.details) {
      const field = detail.path.split('.')[0] as Field;
      if (fields.includes(field)) errors[field] ??= detail.message;
    }
  return errors;
}
