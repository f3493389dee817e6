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

const raw = fc.oneof(
  { weight: 3, arbitrary: entity.map((s) => Buffer.from(s, 'utf8')) },
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


it('stats', async () => { const c = new Map<string, number>(); for (const b of fc.sample(raw, 2000)) { const k = await parseEmail(b, { replyDomains: [] }).then((r) => r.kind, (e: Error) => 'throws ' + e.message.slice(0, 40)); c.set(k, (c.get(k) ?? 0) + 1); } console.log([...c].sort((a, b) => b[1] - a[1]).slice(0, 12)); });
