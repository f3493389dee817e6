import { wholeNumberSchema } from './common.schema';
import {
  conversationRoomRequestSchema,
  conversationTypingRequestSchema,
  socketPayloadError,
} from './realtime.schema';

const ID = '3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b';

function errorOf(result: { success: boolean; error?: Parameters<typeof socketPayloadError>[0] }) {
  if (result.success || !result.error) throw new Error('the payload was accepted');
  return socketPayloadError(result.error);
}

describe('socket payload schemas', () => {
  it('accept what the inbox sends', () => {
    expect(conversationRoomRequestSchema.parse({ conversationId: ID })).toEqual({
      conversationId: ID,
    });
    expect(
      conversationTypingRequestSchema.parse({ conversationId: ID, typing: true, kind: 'note' }),
    ).toEqual({ conversationId: ID, typing: true, kind: 'note' });
  });

  it('name the field that is wrong', () => {
    expect(
      errorOf(conversationRoomRequestSchema.safeParse({ conversationId: '-'.repeat(36) })),
    ).toBe('conversationId must be a UUID');
    expect(
      errorOf(conversationTypingRequestSchema.safeParse({ conversationId: ID, typing: 'yes' })),
    ).toBe('typing must be true or false');
  });

  it('say what is expected when the payload is no object at all', () => {
    expect(errorOf(conversationRoomRequestSchema.safeParse(null))).toBe(
      'must be { conversationId: UUID }',
    );
  });
});

describe('wholeNumberSchema', () => {
  it('takes query strings and numbers within range', () => {
    expect(wholeNumberSchema(0).parse('42')).toBe(42);
    expect(wholeNumberSchema(0).parse(2_147_483_647)).toBe(2_147_483_647);
  });

  it.each(['99999999999', '1.5', '-1', 'ten', '1e400'])('refuses %s', (value) => {
    const result = wholeNumberSchema(0).safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe('must be a whole number from 0 to 2147483647');
  });
});
