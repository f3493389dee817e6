import { IDENTITY_KINDS } from '@touchpoint/shared';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import type { RealtimePublisher } from '../../../../core/realtime/realtime-publisher';
import { normalizeAddress } from '../../../contacts/identity-address';
import type { InboundEvent } from '../../../intake/inbound-event.entity';
import { UnparseablePayloadError, type ParseResult } from '../../channel-adapter';
import type { EmailSender } from '../email';
import type { VisitorStore } from './visitor-store';
import { WebchatAdapter } from './webchat.adapter';
import type { WebchatVisitors } from './webchat-visitors.service';
import { webchatInboundPayloadSchema } from './webchat-payload';

/** Mostly the shape the gateway writes, sometimes any value: so that many payloads are valid. */
const mostly = <T>(shape: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 8, arbitrary: shape }, { weight: 1, arbitrary: fc.anything() });

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', 'a\udc00b', 'Hallo 👋'),
  fc.constant('x'.repeat(10_001)),
);
const words = fc.oneof(
  { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 300 }) },
  { weight: 1, arbitrary: fc.constantFrom('Hallo 👋', 'a\u0000b', 'x\ud800y', ' ') },
  { weight: 1, arbitrary: text },
);
const visitorId = fc.oneof(
  { weight: 4, arbitrary: fc.uuid().map((u) => `v_${u}`) },
  { weight: 1, arbitrary: fc.constantFrom('u:customer-7', ' ', '\t\n', 'x'.repeat(256)) },
  { weight: 1, arbitrary: text },
);
const identity = fc.record(
  {
    kind: mostly(fc.constantFrom(...IDENTITY_KINDS)),
    address: mostly(
      fc.oneof(fc.constantFrom('erika@example.de', '+491701234567', ' ', 'nope'), visitorId),
    ),
    verified: mostly(fc.boolean()),
    canLink: mostly(fc.boolean()),
  },
  { requiredKeys: ['kind', 'address'] },
);
/** What the widget gateway stores for a visitor message, with random values in its fields. */
const payload = fc
  .tuple(
    fc.record(
      {
        visitorId: mostly(visitorId),
        clientMessageId: mostly(
          fc.oneof({ weight: 6, arbitrary: fc.uuid({ version: 4 }) }, fc.uuid(), text),
        ),
        text: mostly(words),
        name: mostly(text),
        sentAt: mostly(
          fc.oneof(
            {
              weight: 4,
              arbitrary: fc
                .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31') })
                .map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
            },
            fc.constantFrom('2025-03-03T10:00:00Z', '2025-03-03T10:00:00+01:00', 'now'),
            text,
          ),
        ),
      },
      { requiredKeys: ['visitorId', 'clientMessageId', 'text', 'sentAt'] },
    ),
    mostly(fc.array(identity, { maxLength: 4 })),
  )
  // The gateway puts the visitor's webchat identity first.
  .map(([fields, others]) => ({
    ...fields,
    identities: Array.isArray(others)
      ? [{ kind: 'webchat', address: fields.visitorId }, ...others]
      : others,
  }));

const adapter = new WebchatAdapter(
  {} as RealtimePublisher,
  {} as VisitorStore,
  {} as EmailSender,
  {} as WebchatVisitors,
  {} as DataSource,
);
const eventOf = (body: unknown) =>
  ({ id: 'e1', providerMessageId: 'v:c', payload: body, raw: null }) as InboundEvent;

describe('the website chat payload (properties)', () => {
  it('any stored value parses into one storable message or fails with UnparseablePayloadError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 4, arbitrary: payload }, fc.jsonValue(), fc.anything()),
        async (body) => {
          const valid = webchatInboundPayloadSchema.safeParse(body);
          const storable =
            valid.success &&
            valid.data.identities.some((i) => normalizeAddress(i.kind, i.address) !== null);
          let result: ParseResult;
          try {
            result = await adapter.parse(eventOf(body));
          } catch (err) {
            expect(err).toBeInstanceOf(UnparseablePayloadError);
            // Only what can never be stored is refused.
            expect(storable).toBe(false);
            return;
          }
          expect(storable).toBe(true);
          expect(result.kind).toBe('messages');
          if (result.kind !== 'messages') return;
          expect(result.messages).toHaveLength(1);
          const [m] = result.messages;
          expect(typeof m.text === 'string' && m.text.length > 0).toBe(true);
          // The store finds or creates the contact by an address it can use: one must be there.
          expect(
            m.contact.identities.some((i) => normalizeAddress(i.kind, i.address) !== null),
          ).toBe(true);
          if (m.contact.name !== undefined) expect(typeof m.contact.name).toBe('string');
          expect(Number.isNaN(m.sentAt?.getTime())).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** A counterexample the properties found, kept as a plain case. */
describe('WebchatAdapter.parse refuses a payload without a usable visitor address (found by the properties)', () => {
  it('fails it as unparseable instead of handing the store a sender it cannot resolve', async () => {
    // Was parsed into a message from '\t\n', which the store refused with a plain Error (retried).
    const err = await adapter
      .parse(
        eventOf({
          visitorId: '\t\n',
          clientMessageId: '00000000-0000-4000-8000-000000000000',
          text: 'Hallo',
          sentAt: '1970-01-01T00:00:00.000Z',
          identities: [{ kind: 'webchat', address: '\t\n' }],
        }),
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnparseablePayloadError);
    expect((err as Error).message).toBe('The website chat message has no usable visitor address');
  });
});
