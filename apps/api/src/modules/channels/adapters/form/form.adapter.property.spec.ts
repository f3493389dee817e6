import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { normalizeAddress } from '../../../contacts/identity-address';
import type { InboundEvent } from '../../../intake/inbound-event.entity';
import { UnparseablePayloadError, type ParseResult } from '../../channel-adapter';
import type { Channel } from '../../channel.entity';
import type { EmailSender } from '../email';
import { FormAdapter } from './form.adapter';
import { formSubmissionSchema, type StoredFormSubmission } from './form-submission.dto';

/** Any value, or one of the shapes the form's fields have: both must be taken. */
const loose = <T>(shape: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 4, arbitrary: shape }, { weight: 1, arbitrary: fc.anything() });

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', 'a\udc00b', 'Größe L?'),
  fc.constant('x'.repeat(20_001)),
);
const email = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom(
    'Juergen@Example.de',
    ' erika@example.de ',
    'a@b',
    'a@b.c',
    '"a b"@example.de',
    'a@[127.0.0.1]',
    'a\u0000@b.de',
    'not an email',
    '',
  ),
  text,
);
const phone = fc.oneof(
  fc.constantFrom('0171 1234567', '+49 171 1234567', '12', 'call me', '', ' '),
  fc.stringMatching(/^\+?[0-9 ()/-]{1,40}$/),
  text,
);
const date = fc.oneof(
  fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
  fc.constantFrom('2025-03-03T10:00:00.000Z', 'yesterday', '', '+275760-09-13T00:00:00.001Z'),
  text,
);

/** Mostly what a person types, sometimes anything: so that many posts pass validation. */
const mostly = <T>(typed: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary: typed }, { weight: 1, arbitrary: loose(text) });
const words = fc.oneof(
  fc.string({ minLength: 1, maxLength: 200 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
  fc.constantFrom('Jürgen Müller', ' Größe L? ', 'a\u0000b', 'x\ud800y'),
);

/** What a browser or a script posts to `POST /forms/:id`. */
const submission = fc.record(
  {
    name: mostly(words),
    email: mostly(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('Juergen@Example.de', ' erika@example.de ') },
        { weight: 1, arbitrary: email },
      ),
    ),
    phone: mostly(fc.constantFrom('0171 1234567', '+49 171 1234567', '', '0171 12', 'call me')),
    subject: mostly(words),
    message: mostly(words),
    lang: mostly(fc.constantFrom('de', 'en', '')),
    redirect: mostly(fc.webUrl()),
    website: fc.constantFrom('', ' ', undefined),
  },
  { requiredKeys: ['name', 'email', 'message'] },
);
/** What the intake stored for a post (or what an older version stored, or anything at all). */
const stored = fc.record(
  {
    name: loose(text),
    email: loose(email),
    phone: loose(phone),
    subject: loose(text),
    message: loose(text),
    locale: loose(text),
    ip: loose(text),
    userAgent: loose(text),
    submittedAt: loose(date),
  },
  { requiredKeys: ['email', 'message'] },
);

const adapter = new FormAdapter({} as EmailSender, {} as DataSource);
const channel = { id: 'f1', kind: 'form', inboxAddress: 'kontakt@touchpoint.test' } as Channel;
const eventOf = (payload: unknown) =>
  ({ id: 'e1', providerMessageId: 'p-1', payload, raw: null }) as InboundEvent;

/** What the store needs: a sender with an email address it can find or create a contact by. */
function expectStorable(result: ParseResult): void {
  expect(result.kind).toBe('messages');
  if (result.kind !== 'messages') return;
  expect(result.messages).toHaveLength(1);
  const [m] = result.messages;
  expect(typeof m.text).toBe('string');
  expect(m.contact.identities[0].kind).toBe('email');
  for (const identity of m.contact.identities)
    expect(normalizeAddress(identity.kind, identity.address)).not.toBeNull();
  if (m.contact.name !== undefined) expect(typeof m.contact.name).toBe('string');
  if (m.subject !== undefined) expect(typeof m.subject).toBe('string');
  if (m.sentAt !== undefined) expect(Number.isNaN(m.sentAt.getTime())).toBe(false);
}

describe('the contact form (properties)', () => {
  it('every post the form accepts is stored by the worker as a message from its email address', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 3, arbitrary: submission }, { weight: 1, arbitrary: fc.jsonValue() }),
        async (body) => {
          const parsed = formSubmissionSchema.safeParse(body);
          if (!parsed.success) {
            expect(parsed.error.issues.length).toBeGreaterThan(0);
            return;
          }
          const form = parsed.data;
          // As FormSubmissionService.submit stores it.
          const payload: StoredFormSubmission = {
            name: form.name,
            email: form.email,
            ...(form.phone ? { phone: form.phone } : {}),
            ...(form.subject ? { subject: form.subject } : {}),
            message: form.message,
            submittedAt: new Date().toISOString(),
          };
          expectStorable(
            await adapter.parse(eventOf(JSON.parse(JSON.stringify(payload))), channel),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('any stored payload parses into a storable message or fails with UnparseablePayloadError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(stored, fc.jsonValue(), fc.anything()), async (payload) => {
        let result: ParseResult;
        try {
          result = await adapter.parse(eventOf(payload), channel);
        } catch (err) {
          expect(err).toBeInstanceOf(UnparseablePayloadError);
          return;
        }
        expectStorable(result);
      }),
      { numRuns: 400 },
    );
  });
});

/** A counterexample the properties found, kept as a plain case. */
describe('FormAdapter.parse refuses a stored submission without a usable email (found by the properties)', () => {
  it('fails it as unparseable instead of handing the store a sender it cannot resolve', async () => {
    // Was parsed into a message from '', which the store refused with a plain Error (retried).
    for (const email of ['', '  ', 'not an email']) {
      const err = await adapter
        .parse(eventOf({ email, message: 'Hallo' }), channel)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UnparseablePayloadError);
      expect((err as Error).message).toBe('The contact form submission has no valid email address');
    }
  });
});
