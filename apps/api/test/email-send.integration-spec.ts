import {
  PermanentDeliveryError,
  type OutboundContext,
} from '../src/modules/channels/channel-adapter';
import type { Channel } from '../src/modules/channels/channel.entity';
import { EmailAdapter } from '../src/modules/channels/adapters/email/email.adapter';
import { FormAdapter } from '../src/modules/channels/adapters/form/form.adapter';
import { makeTeam } from './helpers/factories';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink';
import { startTestApp, type TestApp } from './helpers/test-app';

let seq = 0;
/** A reply as the outbound worker hands it to an adapter. */
function reply(
  channel: Partial<Channel>,
  overrides: Partial<OutboundContext> = {},
): OutboundContext {
  seq++;
  return {
    channel: { id: 'c-email', name: 'Kundenservice', kind: 'email', ...channel } as Channel,
    message: {
      id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      text: 'Guten Tag Herr Müller,\n\ndie Größe XL kommt übermorgen.\n\nGrüße',
      subject: null,
      attachments: [
        {
          filename: 'Rechnung März.pdf',
          contentType: 'application/pdf',
          content: Buffer.from('%PDF-1.4 test'),
          size: 13,
          url: 'https://touchpoint.example.test/api/attachments/unused',
        },
      ],
    },
    conversation: { id: 'conv-1', subject: 'Größe der Lieferung', replyToken: 'tokAbc123' },
    contact: { id: 'contact-1', name: 'Jürgen Müller' },
    recipient: { kind: 'email', address: 'juergen@example.de' },
    author: { id: 'user-1', name: 'Anna Schäfer' },
    threading: {
      inReplyTo: '<customer.2@example.de>',
      references: ['<customer.1@example.de>', '<touchpoint.earlier@touchpoint.test>'],
    },
    ...overrides,
  };
}

describe('sending email replies', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let email: EmailAdapter;
  let form: FormAdapter;
  const emailChannel = () => ({
    config: { address: 'service@touchpoint.test', smtp: sink.smtp },
  });

  beforeAll(async () => {
    t = await startTestApp();
    sink = await startSmtpSink();
    email = t.app.get(EmailAdapter);
    form = t.app.get(FormAdapter);
  });
  afterEach(() => sink.rejectWith(null));
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('sends through the channel relay with our Message-ID, the thread headers and a reply+token Reply-To', async () => {
    const ctx = reply(emailChannel());
    const result = await email.send(ctx);

    const expectedId = `<touchpoint.${ctx.message.id}@touchpoint.test>`;
    expect(result).toEqual({
      providerMessageId: expectedId,
      metadata: {
        emailMessageId: expectedId,
        inReplyTo: ['<customer.2@example.de>'],
        references: [
          '<customer.1@example.de>',
          '<touchpoint.earlier@touchpoint.test>',
          '<customer.2@example.de>',
        ],
        address: 'juergen@example.de',
      },
    });

    const [got] = await sink.waitFor(1);
    expect(got.envelope).toEqual({ from: 'service@touchpoint.test', to: ['juergen@example.de'] });
    const m = got.parsed;
    expect(m.messageId).toBe(expectedId);
    expect(m.inReplyTo).toBe('<customer.2@example.de>');
    expect(m.references).toEqual([
      '<customer.1@example.de>',
      '<touchpoint.earlier@touchpoint.test>',
      '<customer.2@example.de>',
    ]);
    expect(m.replyTo?.value).toEqual([
      { name: 'Kundenservice', address: 'reply+tokAbc123@touchpoint.test' },
    ]);
    expect(m.from?.value).toEqual([
      { name: 'Anna Schäfer via Kundenservice', address: 'service@touchpoint.test' },
    ]);
    expect(m.to && !Array.isArray(m.to) && m.to.value).toEqual([
      { name: 'Jürgen Müller', address: 'juergen@example.de' },
    ]);
    expect(m.subject).toBe('Re: Größe der Lieferung');
    expect(m.text?.trim()).toBe(
      'Guten Tag Herr Müller,\n\ndie Größe XL kommt übermorgen.\n\nGrüße',
    );
    expect(m.html).toContain('die Größe XL kommt übermorgen.');
    expect(m.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([
      ['Rechnung März.pdf', 'application/pdf', '%PDF-1.4 test'],
    ]);
  });

  it('keeps one pooled connection for a relay instead of one per message', async () => {
    const before = sink.connections;
    const start = sink.messages.length;
    await email.send(
      reply(emailChannel(), { conversation: { id: 'c', subject: 'AW: Termin', replyToken: 't1' } }),
    );
    await email.send(reply(emailChannel()));
    const [a] = (await sink.waitFor(start + 2)).slice(start);
    expect(a.parsed.subject).toBe('AW: Termin');
    expect(sink.connections - before).toBeLessThanOrEqual(1);
  });

  it('keeps the same Message-ID on a retry after a refused attempt and on a resend after a crash', async () => {
    const ctx = reply(emailChannel());
    const start = sink.messages.length;
    sink.rejectWith(451, 'data');
    const refused = await email.send(ctx).catch((e: Error) => e);
    expect(refused).not.toBeInstanceOf(PermanentDeliveryError);
    sink.rejectWith(null);
    // The retry, then the same reply once more as after a crash before its "sent" was written.
    const first = await email.send(ctx);
    const again = await email.send(ctx);
    const got = (await sink.waitFor(start + 2)).slice(start);
    const expectedId = `<touchpoint.${ctx.message.id}@touchpoint.test>`;
    expect(got.map((m) => m.parsed.messageId)).toEqual([expectedId, expectedId]);
    expect([first.providerMessageId, again.providerMessageId]).toEqual([expectedId, expectedId]);
  });

  it('fails for good when the relay answers 5xx', async () => {
    sink.rejectWith(550, 'rcpt');
    await expect(email.send(reply(emailChannel()))).rejects.toBeInstanceOf(PermanentDeliveryError);
    sink.rejectWith(554, 'data');
    await expect(email.send(reply(emailChannel()))).rejects.toBeInstanceOf(PermanentDeliveryError);
  });

  it('leaves 4xx answers and an unreachable relay to retries', async () => {
    sink.rejectWith(451, 'rcpt');
    const temporary = await email.send(reply(emailChannel())).catch((e: Error) => e);
    expect(temporary).toBeInstanceOf(Error);
    expect(temporary).not.toBeInstanceOf(PermanentDeliveryError);

    const down = await startSmtpSink();
    const smtp = down.smtp;
    await down.close();
    const refused = await email
      .send(reply({ config: { address: 'service@touchpoint.test', smtp } }))
      .catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    expect(refused).not.toBeInstanceOf(PermanentDeliveryError);
    expect((refused as Error).message).toMatch(/will retry/);
  });

  it('fails for good when the relay rejects the credentials', async () => {
    const guarded = await startSmtpSink({ auth: { user: 'tp', pass: 'right-password' } });
    try {
      const wrong = { ...guarded.smtp, pass: 'wrong-password' };
      await expect(
        email.send(reply({ config: { address: 'service@touchpoint.test', smtp: wrong } })),
      ).rejects.toBeInstanceOf(PermanentDeliveryError);
      await email.send(
        reply({ config: { address: 'service@touchpoint.test', smtp: guarded.smtp } }),
      );
      expect(await guarded.waitFor(1)).toHaveLength(1);
    } finally {
      await guarded.close();
    }
  });

  it('refuses a channel whose config is broken, for good', async () => {
    await expect(
      email.send(reply({ config: { address: 'not-an-address' } })),
    ).rejects.toBeInstanceOf(PermanentDeliveryError);
  });

  describe('form channel replies', () => {
    const formChannel = (config: Record<string, unknown>) =>
      ({ id: 'c-form', name: 'Kontaktformular', kind: 'form', config }) as Partial<Channel>;

    it('go out from replyFrom through the form’s own relay', async () => {
      const start = sink.messages.length;
      const ctx = reply(formChannel({ replyFrom: 'kontakt@touchpoint.test', smtp: sink.smtp }), {
        conversation: { id: 'c', subject: null, replyToken: 'formTok1' },
      });
      const result = await form.send(ctx);
      const [got] = (await sink.waitFor(start + 1)).slice(start);
      expect(result.providerMessageId).toBe(`<touchpoint.${ctx.message.id}@touchpoint.test>`);
      expect(got.parsed.from?.value[0].address).toBe('kontakt@touchpoint.test');
      expect(got.parsed.replyTo?.value[0].address).toBe('reply+formTok1@touchpoint.test');
      expect(got.parsed.subject).toBe('Re: Kontaktformular');
    });

    it('or through the relay of the email channel with that address', async () => {
      const db = t.db;
      const team = await makeTeam(db);
      await db.query(
        `INSERT INTO channels (kind, name, team_id, config, inbox_address)
         VALUES ('email', 'Kontakt', $1, $2, 'kontakt@touchpoint.test')`,
        [team.id, JSON.stringify({ address: 'kontakt@touchpoint.test', smtp: sink.smtp })],
      );
      const start = sink.messages.length;
      await form.send(reply(formChannel({ replyFrom: 'Kontakt@Touchpoint.test' })));
      const [got] = (await sink.waitFor(start + 1)).slice(start);
      expect(got.envelope.from).toBe('kontakt@touchpoint.test');

      await expect(
        form.send(reply(formChannel({ replyFrom: 'nobody@touchpoint.test' }))),
      ).rejects.toThrow(PermanentDeliveryError);
    });
  });
});
