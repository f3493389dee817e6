import { AppException } from '../../core/errors/app.exception';
import {
  decodeChangeCursor,
  decodePageCursor,
  encodeChangeCursor,
  encodePageCursor,
} from './suppression-cursor';

const CONTACT = '0b9c4c1e-3f5a-4f4e-9a51-6a2f2d0d8e11';

describe('suppression cursors', () => {
  it('come back as they went out', () => {
    expect(decodeChangeCursor(encodeChangeCursor('0'))).toBe('0');
    expect(decodeChangeCursor(encodeChangeCursor('123456789012345678'))).toBe('123456789012345678');
    expect(decodePageCursor(encodePageCursor(CONTACT))).toBe(CONTACT);
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['a page cursor', encodePageCursor(CONTACT)],
    ['a negative position', Buffer.from('c.-1').toString('base64url')],
    ['a position too large for bigint', Buffer.from('c.9999999999999999999').toString('base64url')],
    ['padding added', `${encodeChangeCursor('5')}=`],
  ])('refuse %s as since, naming the field', (_, cursor) => {
    expect(() => decodeChangeCursor(cursor)).toThrow(AppException);
    expect(() => decodeChangeCursor(cursor)).toThrow(/^since is not valid/);
  });

  it.each([
    ['a change cursor', encodeChangeCursor('5')],
    ['a page of no UUID', Buffer.from('p.abc').toString('base64url')],
  ])('refuse %s as cursor, naming the field', (_, cursor) => {
    expect(() => decodePageCursor(cursor)).toThrow(/^cursor is not valid/);
  });
});
