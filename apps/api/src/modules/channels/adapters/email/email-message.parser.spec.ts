import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { NormalizedMessage, ParseResult } from '../../channel-adapter';
import { UnparseablePayloadError } from '../../channel-adapter';
import { parseEmail, type EmailParseOptions } from './email-message.parser';

const FIXTURES = resolve(__dirname, '../../../../../test/fixtures/email');
const fixture = (name: string) => readFileSync(resolve(FIXTURES, name));
const OPTS: EmailParseOptions = { replyDomains: ['touchpoint.test'] };

/** A small message with the given extra headers (CRLF, as on the wire). */
function mail(headers: Record<string, string>, body = 'Hello there'): Buffer {
  const base: Record<string, string> = {
    From: 'Customer <customer@example.com>',
    To: 'support@touchpoint.test',
    Subject: 'Question',
    'Message-ID': '<q1@example.com>',
    'Content-Type': 'text/plain; charset=utf-8',
    ...headers,
  };
  return Buffer.from(
    `${Object.entries(base)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n')}\r\n\r\n${body}\r\n`,
  );
}

function only(result: ParseResult): NormalizedMessage {
  if (result.kind !== 'messages')
    throw new Error(`expected messages, got ${JSON.stringify(result)}`);
  expect(result.messages).toHaveLength(1);
  return result.messages[0];
}

describe('parseEmail', () => {
  describe('charsets and transfer encodings', () => {
    it('decodes windows-1252 quoted-printable (umlauts, €, German quotes) in body, subject and name', async () => {
      const m = only(await parseEmail(fixture('windows-1252-quoted-printable.eml'), OPTS));
      expect(m.subject).toBe('Größe der Lieferung');
      expect(m.contact.name).toBe('Jürgen Müller');
      expect(m.text).toContain('welche Größe hat das Paket? Der Preis war 12 € „inklusive“.');
      expect(m.text).toContain('Übermorgen bin ich zu Hause.');
      expect(m.text).toMatch(/Grüße\nJürgen$/);
    });

    it('decodes ISO-8859-1 sent as 8bit', async () => {
      const m = only(await parseEmail(fixture('iso-8859-1-8bit.eml'), OPTS));
      expect(m.subject).toBe('Übermorgen');
      expect(m.contact.name).toBe('Björn Weiß');
      expect(m.text).toBe(
        'Guten Tag,\n\nÜbermorgen passt mir gut. Die Größe stimmt.\n\nGrüße\nBjörn',
      );
    });

    it('decodes UTF-8 base64 parts and encoded-word headers', async () => {
      const m = only(await parseEmail(fixture('utf-8-base64.eml'), OPTS));
      expect(m.subject).toBe('Größe und Übermorgen');
      expect(m.contact.name).toBe('Anna Schäfer');
      expect(m.text).toBe('Hallo,\n\nÜbermorgen kommt die Größe XL.\n\nGrüße\nAnna');
      expect(m.html).toContain('Übermorgen kommt die Größe XL.');
    });
  });

  describe('sender and identifiers', () => {
    it('lowercases the sender address and keeps the display name', async () => {
      const m = only(await parseEmail(fixture('windows-1252-quoted-printable.eml'), OPTS));
      expect(m.contact.identities).toEqual([
        { kind: 'email', address: 'juergen.mueller@example.de' },
      ]);
    });

    it('uses the Message-ID as provider id, or a hash of the bytes when there is none', async () => {
      const m = only(await parseEmail(fixture('utf-8-base64.eml'), OPTS));
      expect(m.providerMessageId).toBe('<utf8.b64.1@example.de>');
      expect(m.email?.messageId).toBe('<utf8.b64.1@example.de>');

      const raw = mail({ 'Message-ID': '' }).toString().replace('Message-ID: \r\n', '');
      const a = only(await parseEmail(Buffer.from(raw), OPTS));
      const b = only(await parseEmail(Buffer.from(raw), OPTS));
      expect(a.providerMessageId).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(a.providerMessageId).toBe(b.providerMessageId);
      expect(a.email?.messageId).toBeUndefined();
    });

    it('falls back to the envelope sender and refuses a message without any sender', async () => {
      const raw = mail({}).toString().replace('From: Customer <customer@example.com>\r\n', '');
      const m = only(
        await parseEmail(Buffer.from(raw), {
          ...OPTS,
          envelope: { from: 'Env@Example.com', to: [] },
        }),
      );
      expect(m.contact.identities).toEqual([{ kind: 'email', address: 'env@example.com' }]);
      await expect(parseEmail(Buffer.from(raw), OPTS)).rejects.toBeInstanceOf(
        UnparseablePayloadError,
      );
    });
  });

  describe('HTML', () => {
    it('removes scripts, styles, event handlers, javascript: links, iframes, forms and http images; keeps the original', async () => {
      const m = only(await parseEmail(fixture('html-unsafe.eml'), OPTS));
      const html = m.html ?? '';
      for (const bad of [
        '<script',
        'alert(',
        'onload',
        'onclick',
        'onerror',
        'javascript:',
        '<style',
        'Secret title',
        'evil.example',
        '<iframe',
        '<form',
        '<input',
        'tracker.example',
        'position:fixed',
      ])
        expect(html).not.toContain(bad);
      expect(html).toContain('href="https://example.com/order/42"');
      expect(html).toContain('rel="noopener noreferrer nofollow"');
      expect(html).toContain('src="https://cdn.example.com/logo.png"');
      expect(html).toContain('style="color:#ff0000"');
      expect(m.htmlOriginal).toContain('<script>alert(');
      expect(m.htmlOriginal).toContain('onload="steal()"');
      expect(m.text).toBe('Please check this and order 42.');
    });

    it('keeps inline cid: images with their part, and attachments', async () => {
      const m = only(await parseEmail(fixture('inline-image-attachment.eml'), OPTS));
      expect(m.html).toContain('src="cid:schaden@example.de"');
      expect(m.text).toBe('Hier das Foto:');
      expect(m.attachments).toHaveLength(2);
      const [image, pdf] = m.attachments;
      expect(image).toMatchObject({
        filename: 'schaden.png',
        contentType: 'image/png',
        contentId: 'schaden@example.de',
        inline: true,
      });
      expect(image.content.subarray(1, 4).toString()).toBe('PNG');
      expect(pdf).toMatchObject({ filename: 'rechnung.pdf', contentType: 'application/pdf' });
      expect(pdf.inline).toBeUndefined();
      expect(pdf.content.toString()).toContain('%PDF-1.4');
    });
  });

  describe('quoted history', () => {
    it('splits a Gmail reply (English, attribution wrapped over two lines) in text and HTML', async () => {
      const m = only(await parseEmail(fixture('reply-gmail-en.eml'), OPTS));
      expect(m.text).toBe('Thanks, that works for me!\n\nBest,\nCustomer');
      expect(m.quoted).toMatch(/^On Mon, Mar 3, 2025 at 5:15 PM Anna via Support/);
      expect(m.quoted).toContain('> your order 42 ships tomorrow.');
      expect(m.html).toContain('Thanks, that works for me!');
      expect(m.html).not.toContain('ships tomorrow');
      expect(m.htmlOriginal).toContain('ships tomorrow');
    });

    it('splits an Outlook reply (German "Von:/Gesendet:" block, divRplyFwdMsg)', async () => {
      const m = only(await parseEmail(fixture('reply-outlook-de.eml'), OPTS));
      expect(m.text).toBe(
        'Hallo Frau Meier,\n\nvielen Dank, übermorgen passt.\n\nFreundliche Grüße\nKlärchen Schröder',
      );
      expect(m.quoted).toMatch(/^_{10,}\nVon: Anna Meier via Support/);
      expect(m.quoted).toContain('Ihre Lieferung kommt übermorgen.');
      expect(m.html).toContain('vielen Dank, übermorgen passt.');
      expect(m.html).not.toContain('Gesendet');
      expect(m.html).not.toContain('Ihre Lieferung kommt');
    });

    it('splits a Thunderbird reply ("Am … schrieb …:", "> " lines, moz-cite-prefix)', async () => {
      const m = only(await parseEmail(fixture('reply-thunderbird-de.eml'), OPTS));
      expect(m.text).toBe('Die Rechnung ist angekommen, danke.');
      expect(m.quoted).toMatch(/^Am 03\.03\.2025 um 17:15 schrieb Anna via Support:\n> Guten Tag,/);
      expect(m.html).toBe('<p>Die Rechnung ist angekommen, danke.</p>');
    });

    it('takes the quote from the HTML when the mail has no text part', async () => {
      const html =
        '<div>Passt, danke!</div><div class="gmail_quote"><div class="gmail_attr">Am Mo., 3. März 2025 um 17:15 Uhr schrieb Anna:</div><blockquote class="gmail_quote">Alte Nachricht</blockquote></div>';
      const m = only(
        await parseEmail(mail({ 'Content-Type': 'text/html; charset=utf-8' }, html), OPTS),
      );
      expect(m.text).toBe('Passt, danke!');
      expect(m.quoted).toContain('Alte Nachricht');
      expect(m.html).toBe('<div>Passt, danke!</div>');
    });
  });

  describe('threading', () => {
    it('reads Message-ID, In-Reply-To and folded References in order', async () => {
      const m = only(await parseEmail(fixture('reply-gmail-en.eml'), OPTS));
      expect(m.email).toEqual({
        messageId: '<CAF=gmail.reply.1@mail.gmail.example>',
        inReplyTo: ['<touchpoint.5b0c4d3e-1111-4a2b-9c3d-0123456789ab@touchpoint.test>'],
        references: [
          '<first.customer.mail@gmail.example>',
          '<touchpoint.5b0c4d3e-1111-4a2b-9c3d-0123456789ab@touchpoint.test>',
        ],
      });
      expect(m.sentAt).toEqual(new Date('2025-03-04T08:30:00Z'));
    });

    it('takes the reply token from a reply+<token>@ recipient in To', async () => {
      const m = only(await parseEmail(fixture('reply-outlook-de.eml'), OPTS));
      expect(m.email?.replyToken).toBe('tok123abc');
    });

    it('prefers the envelope recipient, and ignores reply+ addresses at foreign domains', async () => {
      const viaEnvelope = only(
        await parseEmail(mail({ To: 'support@touchpoint.test' }), {
          ...OPTS,
          envelope: { from: 'customer@example.com', to: ['reply+EnvTok_1@touchpoint.test'] },
        }),
      );
      expect(viaEnvelope.email?.replyToken).toBe('EnvTok_1');

      const inCc = only(await parseEmail(mail({ Cc: 'Desk <reply+ccTok@touchpoint.test>' }), OPTS));
      expect(inCc.email?.replyToken).toBe('ccTok');

      const foreign = only(
        await parseEmail(mail({ Cc: 'Their desk <reply+theirs@helpdesk.example>' }), OPTS),
      );
      expect(foreign.email?.replyToken).toBeUndefined();
    });
  });

  describe('automatic messages are ignored', () => {
    it.each([
      [{ 'Auto-Submitted': 'auto-replied' }, /Auto-Submitted: auto-replied/],
      [{ 'Auto-Submitted': 'auto-generated; owner-email="x@y"' }, /Auto-Submitted: auto-generated/],
      [{ Precedence: 'bulk' }, /Precedence: bulk/],
      [{ Precedence: 'junk' }, /Precedence: junk/],
      [{ Precedence: 'list' }, /Precedence: list/],
      [{ Precedence: 'auto_reply' }, /Precedence: auto_reply/],
      [{ 'X-Autoreply': 'yes' }, /x-autoreply/],
      [{ 'X-Autorespond': 'Out of office' }, /x-autorespond/],
      [
        { 'X-Auto-Response-Suppress': 'OOF', Subject: 'Automatic reply: Question' },
        /X-Auto-Response-Suppress/,
      ],
    ])('%j', async (headers, reason) => {
      const result = await parseEmail(mail(headers), OPTS);
      expect(result.kind).toBe('ignored');
      expect(result.kind === 'ignored' && result.reason).toMatch(reason);
    });

    it('an Exchange out-of-office reply', async () => {
      expect(await parseEmail(fixture('auto-reply-exchange-oof.eml'), OPTS)).toEqual({
        kind: 'ignored',
        reason: 'X-Auto-Response-Suppress: All',
      });
    });

    it('a message sent with an empty return path', async () => {
      const result = await parseEmail(mail({}), { ...OPTS, envelope: { from: '', to: [] } });
      expect(result).toEqual({ kind: 'ignored', reason: 'empty return path (automatic message)' });
    });

    it('but not a person’s message: Auto-Submitted: no, or Outlook’s suppress header alone', async () => {
      expect((await parseEmail(mail({ 'Auto-Submitted': 'no' }), OPTS)).kind).toBe('messages');
      expect((await parseEmail(mail({ 'X-Auto-Response-Suppress': 'All' }), OPTS)).kind).toBe(
        'messages',
      );
    });
  });

  describe('bounces', () => {
    it('reads a Postfix DSN as a failed delivery of the original Message-ID', async () => {
      expect(await parseEmail(fixture('dsn-postfix.eml'), OPTS)).toEqual({
        kind: 'delivery',
        updates: [
          {
            providerMessageId: '<touchpoint.5b0c4d3e-1111-4a2b-9c3d-0123456789ab@touchpoint.test>',
            messageId: '5b0c4d3e-1111-4a2b-9c3d-0123456789ab',
            status: 'failed',
            error:
              'nobody@example.org: 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown',
          },
        ],
      });
    });

    it('reads an Exchange NDR that attaches only the original headers', async () => {
      const result = await parseEmail(fixture('dsn-exchange-headers.eml'), OPTS);
      expect(result).toMatchObject({
        kind: 'delivery',
        updates: [
          {
            providerMessageId: '<touchpoint.9e9e9e9e-4444-4d5d-8e6e-222222222222@touchpoint.test>',
            status: 'failed',
            error: 'alt@firma.example: 554 5.2.2 mailbox full',
          },
        ],
      });
    });

    it('reads a plain-text bounce from MAILER-DAEMON that quotes the original', async () => {
      const body =
        'Hi. This is the qmail-send program.\r\n<gone@example.org>:\r\n550 5.1.1 user unknown\r\n\r\n--- Below this line is a copy of the message.\r\n\r\nMessage-ID: <touchpoint.aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee@touchpoint.test>\r\nSubject: Re: x\r\n';
      const result = await parseEmail(
        mail({ From: 'MAILER-DAEMON@mx.example.org', Subject: 'failure notice' }, body),
        { ...OPTS, envelope: { from: '', to: ['support@touchpoint.test'] } },
      );
      expect(result).toEqual({
        kind: 'delivery',
        updates: [
          {
            providerMessageId: '<touchpoint.aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee@touchpoint.test>',
            messageId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
            status: 'failed',
            error: '550 5.1.1 user unknown',
          },
        ],
      });
    });

    it('ignores a delay notice (the sender keeps trying)', async () => {
      const raw = fixture('dsn-postfix.eml')
        .toString('latin1')
        .replace('Action: failed', 'Action: delayed');
      const result = await parseEmail(Buffer.from(raw, 'latin1'), OPTS);
      expect(result.kind).toBe('ignored');
    });
  });
});
