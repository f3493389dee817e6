import { QueryFailedError } from 'typeorm';

/** True when a write failed on the named unique index/constraint (PostgreSQL 23505). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const driverError = err.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && (!constraint || driverError.constraint === constraint);
}

/** True when a delete failed because rows elsewhere still point at it (PostgreSQL 23503). */
export function isForeignKeyViolation(err: unknown, constraint?: string): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const driverError = err.driverError as { code?: string; constraint?: string };
  return driverError.code === '23503' && (!constraint || driverError.constraint === constraint);
}
