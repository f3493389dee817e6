import { uuidSchema } from '@touchpoint/shared';
import { InvalidSuppressionCursorException } from './marketing.exception';

/**
 * Opaque cursors of `GET /api/marketing/suppressions`: a position among the changes (`since`) or
 * the last contact of a page of the list (`cursor`). Each is accepted only where it belongs.
 */
const CHANGE = /^c\.(0|[1-9]\d{0,17})$/;
const PAGE = /^p\.(.+)$/;

const encode = (text: string) => Buffer.from(text).toString('base64url');
const decode = (cursor: string) => Buffer.from(cursor, 'base64url').toString();

/** The position after the change with this id (`0`: before the first). */
export function encodeChangeCursor(changeId: string): string {
  return encode(`c.${changeId}`);
}

export function decodeChangeCursor(cursor: string): string {
  const [, id] = CHANGE.exec(decode(cursor)) ?? [];
  if (id === undefined || encodeChangeCursor(id) !== cursor)
    throw new InvalidSuppressionCursorException('since');
  return id;
}

/** The list's page after this contact. */
export function encodePageCursor(contactId: string): string {
  return encode(`p.${contactId}`);
}

export function decodePageCursor(cursor: string): string {
  const [, id] = PAGE.exec(decode(cursor)) ?? [];
  if (id === undefined || !uuidSchema.safeParse(id).success || encodePageCursor(id) !== cursor)
    throw new InvalidSuppressionCursorException('cursor');
  return id;
}
