import { createHash } from 'node:crypto';
import { toWellFormedText } from '../../../../core/text/well-formed-text';

/**
 * Reading Meta's JSON defensively: a webhook body is outside input, so every field is checked for
 * its type before use, and a missing or odd field reads as absent instead of throwing.
 */
export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const objectOf = (v: unknown): Json => (isObject(v) ? v : {});

export const arrayOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * A non-empty string (numbers, as Meta sometimes sends ids, become strings). Well-formed: ids are
 * looked up in PostgreSQL, which refuses a NUL in a query (and no id of Meta's holds one).
 */
export function stringOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v.length ? toWellFormedText(v) : undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/**
 * Any value, named for a message to staff without ever throwing: `String()` throws for an object
 * whose `toString` is not a function, and a webhook body can be any JSON.
 */
export function nameOf(v: unknown): string {
  if (typeof v === 'string') return excerpt(toWellFormedText(v));
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'a list' : 'an object';
}

/** Text a person wrote or a title: a string, possibly empty. */
export const textOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function numberOf(v: unknown): number | undefined {
  const n = typeof v === 'string' && v.trim() ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

/** WhatsApp gives Unix seconds (as a string), Messenger and Instagram milliseconds. */
export function dateOf(v: unknown, unit: 'seconds' | 'milliseconds'): Date | undefined {
  const n = numberOf(v);
  if (n === undefined || n <= 0) return undefined;
  const date = new Date(unit === 'seconds' ? n * 1000 : n);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * A message id as the inbox stores it (at most 500 characters). Meta's ids are far shorter; a longer
 * one is named by its digest, so it is still stored, once.
 */
export function storableId(id: string): string {
  return id.length <= 500 ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

/** A short stable name for a JSON value: the same bytes from Meta give the same key. */
export function digestOf(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value) ?? 'undefined')
    .digest('hex')
    .slice(0, 40);
}

export function excerpt(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
