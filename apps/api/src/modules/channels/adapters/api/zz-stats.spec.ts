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

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '\u0000', '\ud800', 'a\udc00b', 'Grüß Gott 🙂'),
  fc.constant('x'.repeat(20_001)),
);
const id = fc.oneof(fc.constantFrom('msg-1', ' m 2 ', 'x'.repeat(256)), text);
const email = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom(
    'erika@example.de',
    'ERIKA@Example.DE ',
    'mailto:a@b.de',
    'not an email',
    '@',
    '',
  ),
  text,
);
const phone = fc.oneof(
  fc.constantFrom('+491701234567', '0170 1234567', '12', '+1', 'call me', ''),
  fc.stringMatching(/^\+?[0-9 ]{1,20}$/),
  text,
);
const contact = fc.record(
  {
    identifier: loose(fc.oneof(fc.constantFrom('customer-7', ' ', 'x'.repeat(256)), text)),
    email: loose(email),
    phone: loose(phone),
    name: loose(text),
  },
  { requiredKeys: [] },
);
const url = fc.oneof(
  fc.webUrl(),
  fc.constantFrom('https://files.example.test/a.pdf', 'http://10.0.0.1/x', 'ftp://x', 'nope'),
  text,
);
const message = fc.record(
  {
    id: loose(id),
    contact: loose(contact),
    text: loose(text),
    attachments: loose(
      fc.array(loose(fc.record({ url: loose(url), name: loose(text), contentType: loose(text) })), {
        maxLength: 22,
      }),
    ),
  },
  { requiredKeys: ['id', 'contact'] },
);
const status = fc.record(
  {
    event: fc.constantFrom('message.status', 'message.status', 'message.outbound', 'x'),
    id: loose(id),
    messageId: loose(id),
    status: loose(fc.constantFrom('delivered', 'read', 'failed', 'sent', 'DELIVERED')),
    error: loose(text),
  },
  { requiredKeys: ['event'] },
);
const call = fc.record(
  {
    event: fc.constant('call'),
    id: loose(id),
    contact: loose(contact),
    direction: loose(fc.constantFrom(...CALL_DIRECTIONS, 'sideways')),
    outcome: loose(fc.constantFrom(...CALL_OUTCOMES, 'exploded')),
    startedAt: loose(
      fc.oneof(
        fc
          .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString()),
        fc.constantFrom(
          '2025-03-03T10:00:00+01:00',
          '0000-01-01T00:00:00-23:59',
          '9999-12-31T23:59:59+23:59',
          '2025-02-30T10:00:00Z',
          'yesterday',
        ),
        text,
      ),
    ),
    durationSeconds: loose(fc.oneof(fc.integer(), fc.double())),
    from: loose(phone),
    to: loose(phone),
    recordingUrl: loose(url),
    transcript: loose(text),
  },
  { requiredKeys: ['event', 'id', 'contact', 'direction', 'outcome'] },
);
const body = fc.oneof(
  { weight: 3, arbitrary: message },
  { weight: 2, arbitrary: status },
  { weight: 2, arbitrary: call },
  { weight: 1, arbitrary: fc.jsonValue() },
  { weight: 1, arbitrary: fc.anything() },
);


it('stats', () => { fc.statistics(body, (b) => { const p = parseApiPayload(b); return p.success ? p.payload.kind : 'refused'; }, { numRuns: 3000 }); });
