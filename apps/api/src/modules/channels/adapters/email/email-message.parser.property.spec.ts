import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { normalizeAddress } from '../../../contacts/identity-address';
import type { InboundEvent } from '../../../intake/inbound-event.entity';
import { UnparseablePayloadError, type ParseResult } from '../../channel-adapter';
import type { Channel } from '../../channel.entity';
import { parseStoredEmail } from './email.adapter';
import { parseEmail } from './email-message.parser';

const FIXTURES = resolve(__dirname, '../../../../../test/fixtures/email');
/** Real messages (replies, bounces, auto-replies, charsets): the seeds of the mutations below. */
const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.eml'))
  .map((name) => readFileSync(resolve(FIXTURES, name)));

const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    'Größe',
    '=?utf-8?B?R3LDtsOfZQ==?=',
    '=?utf-8?Q?Gr=C3=B6=C3=9Fe?=',
    '=?x-unknown?B?!!!?=',
    '=?utf-8?B?',
  ),
  fc.constant('x'.repeat(5000)),
);
const address = fc.oneof(
  fc.emailAddress(),
  fc.constantFrom(
    'customer@example.com',
    'Customer <customer@example.com>',
    '"Müller, Jürgen" <j@example.de>',
    'root@localhost',
    'a@b',
    '@',
    '<>',
    'undisclosed-recipients:;',
    'group: a@b.de, c@d.de;',
    'reply+tok9@touchpoint.test',
    'MAILER-DAEMON@mx.example.com',
    'a@b.de, , <c@d.de',
  ),
  text,
);
const messageId = fc.oneof(
  fc.constantFrom(
    '<q1@example.com>',
    '<touchpoint.6f1d3a52-7b1e-4c1a-9f0e-2a9c1b7e8d11@touchpoint.test>',
    'bare@id',
    '<>',
    `<${'x'.repeat(600)}@example.com>`,
  ),
  text.map((t) => `<${t}>`),
  text,
);
const boundary = fc.constantFrom('b1', 'b2', '==x==', '(', '?*+', '');

/** A header a mail may carry, with a value from the right family or any at all. */
const header = fc.oneof(
  fc.tuple(fc.constantFrom('From', 'To', 'Cc', 'Reply-To', 'Sender'), address),
  fc.tuple(fc.constantFrom('Delivered-To', 'X-Original-To', 'Envelope-To'), address),
  fc.tuple(fc.constantFrom('Message-ID', 'In-Reply-To', 'References'), messageId),
  fc.tuple(fc.constant('Subject'), fc.oneof(text, fc.constantFrom('Undelivered Mail', 'AW: x'))),
  fc.tuple(
    fc.constant('Date'),
    fc.oneof(
      fc.constantFrom('Mon, 3 Mar 2025 10:00:00 +0100', 'Fri, 31 Dec 9999 23:59:59 -2359'),
      text,
    ),
  ),
  fc.tuple(
    fc.constant('Content-Type'),
    fc.oneof(
      fc.constantFrom(
        'text/plain; charset=utf-8',
        'text/plain; charset=x-unknown',
        'text/html',
        'message/rfc822',
        'message/delivery-status',
      ),
      boundary.map((b) => `multipart/mixed; boundary="${b}"`),
      boundary.map((b) => `multipart/report; report-type=delivery-status; boundary=${b}`),
      boundary.map((b) => `multipart/report; report-type=disposition-notification; boundary=${b}`),
      text,
    ),
  ),
  fc.tuple(
    fc.constant('Content-Transfer-Encoding'),
    fc.oneof(fc.constantFrom('base64', 'quoted-printable', '8bit', 'x-uuencode'), text),
  ),
  fc.tuple(
    fc.constantFrom(
      'Auto-Submitted',
      'Precedence',
      'X-Autoreply',
      'X-Auto-Response-Suppress',
      'X-MS-Exchange-Inbox-Rules-Loop',
      'Content-Disposition',
      'Content-ID',
    ),
    fc.oneof(fc.constantFrom('auto-replied', 'bulk', 'yes', 'All', 'inline', '<cid1>'), text),
  ),
  fc.tuple(fc.string({ maxLength: 20 }), text),
);
const body = fc.oneof(
  text,
  fc.constantFrom(
    '<p>Hallo <b>Welt</b></p><div class="gmail_quote">On Mon wrote:<blockquote>x</blockquote></div>',
    '<script>alert(1)</script><img src="http://tracker/x"><a href="javascript:x">y</a>',
    'Hello\n\nOn Mon, 3 Mar 2025, Support <s@touchpoint.test> wrote:\n> earlier',
    'Reporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; a@b.de\nAction: failed\nStatus: 5.1.1\n',
    'Message-ID: <touchpoint.6f1d3a52-7b1e-4c1a-9f0e-2a9c1b7e8d11@touchpoint.test>\n550 5.1.1 unknown',
    'R3LDtsOfZQ==',
    '=C3=9F=\r\n=ZZ',
    `${'<div>'.repeat(500)}deep`,
  ),
);

/** One MIME entity: headers, then a body or parts between boundary lines (nested up to 3 deep). */
const entity: fc.Arbitrary<string> = fc.letrec<{ entity: string }>((tie) => ({
  entity: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .tuple(fc.array(header, { maxLength: 12 }), body, fc.constantFrom('\r\n', '\n'))
      .map(([hs, b, nl]) => `${hs.map(([k, v]) => `${k}: ${v}`).join(nl)}${nl}${nl}${b}`),
    fc
      .tuple(
        fc.array(header, { maxLength: 6 }),
        boundary,
        fc.constantFrom('mixed', 'alternative', 'related', 'report; report-type=delivery-status'),
        fc.array(tie('entity'), { maxLength: 3 }),
        fc.boolean(),
      )
      .map(
        ([hs, b, sub, parts, closed]) =>
          `${hs.map(([k, v]) => `${k}: ${v}\r\n`).join('')}Content-Type: multipart/${sub}; boundary="${b}"\r\n\r\n` +
          parts.map((p) => `--${b}\r\n${p}\r\n`).join('') +
          (closed ? `--${b}--\r\n` : ''),
      ),
  ),
})).entity;

/** A real message damaged: cut short, bytes put in, bytes overwritten. */
const mutated = fc
  .tuple(
    fc.constantFrom(...fixtures),
    fc.array(
      fc.tuple(
        fc.constantFrom('cut', 'insert', 'overwrite'),
        fc.nat(),
        fc.uint8Array({ maxLength: 16 }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([original, edits]) =>
    edits.reduce((raw, [edit, at, bytes]) => {
      const i = raw.length ? at % raw.length : 0;
      if (edit === 'cut') return raw.subarray(0, i);
      if (edit === 'insert') return Buffer.concat([raw.subarray(0, i), bytes, raw.subarray(i)]);
      const copy = Buffer.from(raw);
      copy.set(bytes.subarray(0, copy.length - i), i);
      return copy;
    }, original),
  );

/** A person's mail: a sender first (a later From, if any, is the one read), then any entity. */
const fromPerson = fc
  .tuple(
    fc.constantFrom(
      'customer@example.com',
      'Jürgen <j@example.de>',
      '=?utf-8?Q?J=C3=BCrgen?= <j@example.de>',
    ),
    entity,
  )
  .map(([from, rest]) => `From: ${from}\r\n${rest}`);

const raw = fc.oneof(
  { weight: 4, arbitrary: fromPerson.map((s) => Buffer.from(s, 'utf8')) },
  { weight: 2, arbitrary: entity.map((s) => Buffer.from(s, 'utf8')) },
  { weight: 2, arbitrary: mutated },
  { weight: 1, arbitrary: entity.map((s) => Buffer.from(s, 'latin1')) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)) },
);
const envelope = fc.option(
  fc.record({
    from: fc.oneof(fc.constantFrom('', 'customer@example.com', 'root@localhost'), text),
    to: fc.array(fc.oneof(fc.constantFrom('reply+tok9@touchpoint.test'), text), { maxLength: 3 }),
  }),
  { nil: undefined },
);

const isString = (v: unknown): v is string => typeof v === 'string';

/** The documented shape of a reading, including what the store needs (a usable sender). */
function expectShape(result: ParseResult): void {
  expect(['messages', 'ignored', 'delivery']).toContain(result.kind);
  if (result.kind === 'ignored') {
    expect(isString(result.reason) && result.reason.length > 0).toBe(true);
    return;
  }
  if (result.kind === 'delivery') {
    for (const update of result.updates) {
      expect(['sent', 'delivered', 'read', 'failed']).toContain(update.status);
      expect(isString(update.providerMessageId)).toBe(true);
      if (update.error !== undefined) expect(isString(update.error)).toBe(true);
    }
    return;
  }
  expect(result.messages).toHaveLength(1);
  const [m] = result.messages;
  expect(isString(m.providerMessageId) && m.providerMessageId.length > 0).toBe(true);
  expect(m.providerMessageId.length).toBeLessThanOrEqual(500);
  expect(m.contact.identities).toHaveLength(1);
  const [sender] = m.contact.identities;
  expect(sender.kind).toBe('email');
  // The store finds or creates the contact by this address: it must be one it can use.
  expect(normalizeAddress('email', sender.address)).not.toBeNull();
  if (m.contact.name !== undefined) expect(isString(m.contact.name)).toBe(true);
  expect(isString(m.text)).toBe(true);
  for (const part of [m.subject, m.html, m.quoted, m.htmlOriginal])
    if (part !== undefined) expect(isString(part)).toBe(true);
  for (const a of m.attachments) {
    expect(isString(a.filename) && a.filename.length > 0).toBe(true);
    expect(isString(a.contentType)).toBe(true);
    expect(Buffer.isBuffer(a.content)).toBe(true);
  }
  for (const id of [...(m.email?.inReplyTo ?? []), ...(m.email?.references ?? [])])
    expect(isString(id)).toBe(true);
  if (m.sentAt !== undefined) expect(Number.isNaN(m.sentAt.getTime())).toBe(false);
}

async function expectOnlyUnparseable(parse: () => Promise<ParseResult>): Promise<void> {
  let result: ParseResult;
  try {
    result = await parse();
  } catch (err) {
    expect(err).toBeInstanceOf(UnparseablePayloadError);
    return;
  }
  expectShape(result);
}

describe('parseEmail (properties)', () => {
  it('reads any bytes as a message, delivery news or ignored, or throws only UnparseablePayloadError', async () => {
    await fc.assert(
      fc.asyncProperty(raw, envelope, (bytes, env) =>
        expectOnlyUnparseable(() =>
          parseEmail(bytes, { replyDomains: ['touchpoint.test'], envelope: env }),
        ),
      ),
      { numRuns: 400 },
    );
  });

  it('the adapter takes any stored event: payload of any shape, raw bytes or none', async () => {
    const channel = { id: 'c1', kind: 'email', inboxAddress: 'support@touchpoint.test' } as Channel;
    await fc.assert(
      fc.asyncProperty(
        fc.option(raw, { nil: null }),
        fc.oneof(fc.record({ envelope: fc.anything() }), fc.anything()),
        (bytes, payload) =>
          expectOnlyUnparseable(() =>
            parseStoredEmail(
              { id: 'e1', providerMessageId: 'p1', payload, raw: bytes } as InboundEvent,
              channel,
            ),
          ),
      ),
      { numRuns: 200 },
    );
  });
});

/** Counterexamples the properties found, kept as plain cases. */
describe('parseEmail regressions (found by the properties)', () => {
  const opts = { replyDomains: ['touchpoint.test'] };

  it('a part with an empty Content-Type is an attachment of unknown type (threw: contentType.split is not a function)', async () => {
    const raw = Buffer.from(
      'From: customer@example.com\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n' +
        '--b1\r\nContent-Type: text/plain\r\n\r\nHallo\r\n--b1\r\nContent-Type: \r\n\r\nxxx\r\n--b1--\r\n',
    );
    const result = await parseEmail(raw, opts);
    expect(result.kind === 'messages' && result.messages[0]).toMatchObject({
      text: 'Hallo',
      attachments: [
        { filename: 'attachment-1.octetstream', contentType: 'application/octet-stream' },
      ],
    });
  });

  it('a sender the inbox cannot answer is unparseable, the envelope sender used when it can be (was a plain Error in the store)', async () => {
    const raw = (from: string) =>
      Buffer.from(`From: ${from}\r\nSubject: Hallo\r\nMessage-ID: <l1@example.com>\r\n\r\nHi\r\n`);
    const err = await parseEmail(raw('root@localhost'), opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnparseablePayloadError);
    expect((err as Error).message).toBe('The message has no usable sender address');
    const viaEnvelope = await parseEmail(raw('root@localhost'), {
      ...opts,
      envelope: { from: 'Root@Example.com', to: [] },
    });
    expect(viaEnvelope.kind === 'messages' && viaEnvelope.messages[0].contact.identities).toEqual([
      { kind: 'email', address: 'root@example.com' },
    ]);
  });
});
