import { CALL_DIRECTIONS, CALL_OUTCOMES } from '@touchpoint/shared';
import fc from 'fast-check';
import type { OutboundClient } from '../../../../core/net/outbound.client';
import { OutboundRefusedError } from '../../../../core/net/outbound.errors';
import { normalizeAddress } from '../../../contacts/identity-address';
import type { InboundEvent } from '../../../intake/inbound-event.entity';
import { UnparseablePayloadError, type ParseResult } from '../../channel-adapter';
import { ApiChannelAdapter } from './api-channel.adapter';
import { deliveryKey, parseApiPayload } from './api-payload';

/** Any value, or one of the shapes the payload's fields have: both must be taken. */
const loose = <T>(shape: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: shape }, { weight: 1, arbitrary: fc.anything() });
/** What a custom source sends (`typed`), or sometimes anything: so that many bodies are valid. */
const mostly = <T, U>(typed: fc.Arbitrary<T>, odd: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 8, arbitrary: typed }, { weight: 1, arbitrary: loose(odd) });

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', 'a\udc00b', 'Grüß Gott 🙂'),
  fc.constant('x'.repeat(20_001)),
);
const words = fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('Grüß Gott 🙂', 'a\u0000b'));
const id = mostly(
  fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/),
  fc.oneof(fc.constantFrom('', ' m 2 ', 'x'.repeat(256)), text),
);
const email = fc.oneof(
  fc.constantFrom('erika@example.de', 'ERIKA@Example.DE ', 'mailto:a@b.de', 'root@localhost'),
  fc.emailAddress(),
  fc.constantFrom('not an email', '@', ''),
  text,
);
const phone = fc.oneof(
  fc.constantFrom('+491701234567', '0170 1234567', '+1 202 555 0143', '12', 'call me', ''),
  fc.stringMatching(/^\+?[0-9 ]{1,20}$/),
  text,
);
const contact = fc.record(
  {
    identifier: mostly(
      fc.stringMatching(/^[a-z0-9-]{1,20}$/),
      fc.constantFrom(' ', 'x'.repeat(256)),
    ),
    email: mostly(email, text),
    phone: mostly(phone, text),
    name: mostly(words, text),
  },
  { requiredKeys: [] },
);
const url = fc.oneof(
  fc.webUrl(),
  fc.constantFrom('https://files.example.test/a.pdf', 'http://10.0.0.1/x', 'ftp://x', 'nope'),
  text,
);
const attachment = fc.record({
  url: mostly(url, text),
  name: mostly(fc.string({ maxLength: 60 }), text),
  contentType: mostly(fc.constantFrom('image/png', 'application/pdf', ''), text),
});
const message = fc.record(
  {
    id,
    contact: mostly(contact, contact),
    text: mostly(words, text),
    attachments: mostly(
      fc.array(attachment, { maxLength: 3 }),
      fc.array(attachment, { maxLength: 22 }),
    ),
  },
  { requiredKeys: ['id', 'contact'] },
);
const status = fc.record(
  {
    event: fc.constantFrom(
      'message.status',
      'message.status',
      'message.status',
      'message.outbound',
    ),
    id,
    messageId: id,
    status: mostly(fc.constantFrom('delivered', 'read', 'failed'), fc.constantFrom('sent', 'READ')),
    error: mostly(words, text),
  },
  { requiredKeys: ['event', 'id', 'messageId', 'status'] },
);
const call = fc.record(
  {
    event: fc.constant('call'),
    id,
    contact: mostly(contact, contact),
    direction: mostly(fc.constantFrom(...CALL_DIRECTIONS), fc.constant('sideways')),
    outcome: mostly(fc.constantFrom(...CALL_OUTCOMES), fc.constant('exploded')),
    startedAt: mostly(
      fc.oneof(
        fc
          .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString()),
        fc.constantFrom(
          '2025-03-03T10:00:00+01:00',
          '0000-01-01T00:00:00-23:59',
          '9999-12-31T23:59:59+23:59',
        ),
      ),
      fc.oneof(fc.constantFrom('2025-02-30T10:00:00Z', 'yesterday'), text),
    ),
    durationSeconds: mostly(
      fc.integer({ min: 0, max: 86_400 }),
      fc.oneof(fc.integer(), fc.double()),
    ),
    from: mostly(phone, text),
    to: mostly(phone, text),
    recordingUrl: mostly(fc.webUrl(), url),
    transcript: mostly(words, text),
  },
  { requiredKeys: ['event', 'id', 'contact', 'direction', 'outcome'] },
);
const body = fc.oneof(
  { weight: 5, arbitrary: message },
  { weight: 2, arbitrary: status },
  { weight: 3, arbitrary: call },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.anything() },
);

/** A file host that serves every file, except at hosts the guard refuses. */
const outbound = {
  request: async (target: string) => {
    if (/10\.0\.0\.1/.test(target))
      throw new OutboundRefusedError('10.0.0.1', '10.0.0.1', 'private');
    return {
      status: 200,
      statusText: 'OK',
      headers: {},
      body: Buffer.from('file'),
      url: target,
      ok: true,
    };
  },
} as unknown as OutboundClient;
const adapter = new ApiChannelAdapter(outbound);
const eventOf = (payload: unknown) =>
  ({ id: 'e1', providerMessageId: 'p1', payload, raw: null }) as InboundEvent;

/** What the store needs of every message: a sender it can find or create a contact for. */
function expectStorable(result: ParseResult): void {
  expect(['messages', 'delivery']).toContain(result.kind);
  if (result.kind === 'delivery') {
    for (const update of result.updates) {
      expect(['delivered', 'read', 'failed']).toContain(update.status);
      expect(typeof update.providerMessageId).toBe('string');
    }
    return;
  }
  expect(result.kind === 'messages' && result.messages.length).toBe(1);
  if (result.kind !== 'messages') return;
  for (const m of result.messages) {
    expect(typeof m.providerMessageId).toBe('string');
    expect(typeof m.text).toBe('string');
    const usable = m.contact.identities.filter((i) => normalizeAddress(i.kind, i.address));
    expect(usable.length).toBeGreaterThan(0);
    for (const a of m.attachments) expect(Buffer.isBuffer(a.content)).toBe(true);
    if (m.call) {
      expect(m.call.startedAt === null || !Number.isNaN(Date.parse(m.call.startedAt))).toBe(true);
      expect(Number.isInteger(m.call.durationSeconds)).toBe(true);
    }
  }
}

describe('the API channel payload (properties)', () => {
  it('parseApiPayload takes any body: a payload with a delivery key, or the problem named', () => {
    fc.assert(
      fc.property(body, (input) => {
        const parsed = parseApiPayload(input);
        if (!parsed.success) {
          expect(parsed.error.issues.length).toBeGreaterThan(0);
          for (const issue of parsed.error.issues) expect(issue.message).toBeTruthy();
          return;
        }
        const key = deliveryKey(parsed.payload);
        expect(typeof key === 'string' && key.length > 0 && key.length <= 500).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('what the webhook accepts the worker stores; anything else fails with UnparseablePayloadError', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (input) => {
        const accepted = parseApiPayload(input).success;
        let result: ParseResult;
        try {
          result = await adapter.parse(eventOf(input));
        } catch (err) {
          expect(err).toBeInstanceOf(UnparseablePayloadError);
          // A body the webhook answered 202 for must not fail later: its sender was told all is well.
          expect(accepted).toBe(false);
          return;
        }
        expect(accepted).toBe(true);
        expectStorable(result);
      }),
      { numRuns: 500 },
    );
  });
});

/** Counterexamples the properties found, kept as plain cases. */
describe('parseApiPayload refuses senders the inbox cannot store (found by the properties)', () => {
  const problem = (input: unknown) => {
    const parsed = parseApiPayload(input);
    return parsed.success
      ? 'accepted'
      : parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
  };

  it('a contact whose only address is no email or phone (was 202, then failed in the worker)', async () => {
    const unreachable =
      'contact needs an identifier, a valid email address or a valid phone number';
    expect(problem({ id: '!', contact: { phone: '\u0000' } })).toBe(unreachable);
    expect(problem({ id: 'm1', contact: { email: 'not an email', name: 'Erika' } })).toBe(
      unreachable,
    );
    expect(
      problem({
        event: 'call',
        id: 'c1',
        contact: { phone: 'call me' },
        direction: 'inbound',
        outcome: 'missed',
      }),
    ).toBe(unreachable);
    await expect(
      adapter.parse(eventOf({ id: 'm1', contact: { email: 'not an email' } })),
    ).rejects.toBeInstanceOf(UnparseablePayloadError);
  });

  it('still names a contact without any address as before, and takes one usable address among others', () => {
    expect(problem({ id: 'm1', contact: {} })).toBe('contact needs identifier, email or phone');
    expect(problem({ id: 'm1', contact: { email: 'nope', phone: '0170 1234567' } })).toBe(
      'accepted',
    );
  });
});
