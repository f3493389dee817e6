import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { NodemailerError } from 'nodemailer';
import type { DataSource } from 'typeorm';
import { makeTeam } from './helpers/factories';
import { intakeTransport, smtpIntakePort } from './helpers/smtp-intake';
import { startTestApp, type TestApp } from './helpers/test-app';

const FIXTURES = resolve(__dirname, 'fixtures/email');

interface EventRow {
  channel_id: string;
  provider_message_id: string;
  raw: Buffer | null;
  payload: { envelope: { from: string; to: string[] } };
}

describe('SMTP intake', () => {
  let t: TestApp;
  let db: DataSource;
  let smtpPort: number;
  let emailChannelId: string;
  let formChannelId: string;
  let salesChannelId: string;
  const transport = () => intakeTransport(smtpPort);

  async function channel(kind: 'email' | 'form', name: string, address: string, enabled = true) {
    const team = await makeTeam(db);
    const config =
      kind === 'email'
        ? { address, smtp: { host: '127.0.0.1', port: 2, secure: false } }
        : { replyFrom: address };
    const [row]: { id: string }[] = await db.query(
      `INSERT INTO channels (kind, name, team_id, config, inbox_address, enabled)
       VALUES ($1, $2, $3, $4, lower($5), $6) RETURNING id`,
      [kind, name, team.id, JSON.stringify(config), address, enabled],
    );
    return row.id;
  }

  const events = (providerMessageId: string): Promise<EventRow[]> =>
    db.query(
      `SELECT channel_id, provider_message_id, raw, payload FROM inbound_events
        WHERE provider_message_id = $1 ORDER BY channel_id`,
      [providerMessageId],
    );

  const send = (raw: Buffer | string, to: string[], from = 'customer@example.com') =>
    transport().sendMail({ envelope: { from, to }, raw });

  const rejection = async (work: Promise<unknown>): Promise<NodemailerError> => {
    try {
      await work;
    } catch (err) {
      return err as NodemailerError;
    }
    throw new Error('the server accepted what it should have refused');
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = t.db;
    smtpPort = smtpIntakePort(t.app);
    emailChannelId = await channel('email', 'Support', 'Support@Touchpoint.test');
    salesChannelId = await channel('email', 'Sales', 'sales@touchpoint.test');
    formChannelId = await channel('form', 'Website', 'forms@other.test');
    await channel('email', 'Old', 'old@touchpoint.test', false);
  });
  afterAll(() => t.close());

  it('listens on the port it reports', () => {
    expect(smtpPort).toBeGreaterThan(0);
    expect(smtpPort).not.toBe((t.app.getHttpServer().address() as AddressInfo).port);
  });

  it('stores the raw message and its envelope before answering 250; a second delivery is the same row', async () => {
    const raw = readFileSync(resolve(FIXTURES, 'windows-1252-quoted-printable.eml'));
    const info = await send(raw, ['support@touchpoint.test'], 'kunde@example.de');
    expect(info.response).toMatch(/^250 /);

    const [row, ...more] = await events('<win1252.qp.1@example.de>');
    expect(more).toEqual([]);
    expect(row.channel_id).toBe(emailChannelId);
    expect(Buffer.compare(row.raw as Buffer, raw)).toBe(0);
    expect(row.payload).toEqual({
      envelope: { from: 'kunde@example.de', to: ['support@touchpoint.test'] },
    });

    const again = await send(raw, ['SUPPORT@touchpoint.test'], 'kunde@example.de');
    expect(again.response).toMatch(/^250 /);
    expect(await events('<win1252.qp.1@example.de>')).toHaveLength(1);
  });

  it('refuses unknown and disabled recipients with 550 and stores nothing', async () => {
    const raw = 'From: a@example.com\r\nMessage-ID: <unknown.1@example.com>\r\n\r\nHi\r\n';
    for (const to of [
      'nobody@touchpoint.test',
      'old@touchpoint.test',
      'reply+nosuchtoken@touchpoint.test',
    ]) {
      const err = await rejection(send(raw, [to]));
      expect(err.responseCode).toBe(550);
    }
    expect(await events('<unknown.1@example.com>')).toEqual([]);
  });

  it('refuses a message over 25 MB with 552', async () => {
    const head = 'From: a@example.com\r\nMessage-ID: <big.1@example.com>\r\n\r\n';
    const body = `${'y'.repeat(998)}\r\n`.repeat(26 * 1024);
    const err = await rejection(send(head + body, ['support@touchpoint.test']));
    expect(err.responseCode).toBe(552);
    expect(await events('<big.1@example.com>')).toEqual([]);
  });

  it('routes reply+<token>@ (any case) to the channel the conversation last answered through', async () => {
    const [contact]: { id: string }[] = await db.query(
      `INSERT INTO contacts (name) VALUES ('Kunde') RETURNING id`,
    );
    const [conversation]: { id: string }[] = await db.query(
      `INSERT INTO conversations (contact_id, reply_token, last_inbound_channel_id)
       VALUES ($1, 'toksales1', $2) RETURNING id`,
      [contact.id, emailChannelId],
    );
    const raw = (id: string) =>
      `From: kunde@example.com\r\nMessage-ID: <${id}@example.com>\r\n\r\nDanke\r\n`;

    // No reply sent yet: the channel the customer last wrote to.
    await send(raw('tok.1'), ['reply+tokSales1@touchpoint.test']);
    expect((await events('<tok.1@example.com>')).map((e) => e.channel_id)).toEqual([
      emailChannelId,
    ]);

    // The worker may be storing tok.1 in this conversation right now: take the next seq as it does.
    await db.query(
      `WITH s AS (UPDATE conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq)
       INSERT INTO messages (conversation_id, seq, type, channel_id, text)
       SELECT $1, last_seq, 'outbound', $2, 'Hallo' FROM s`,
      [conversation.id, salesChannelId],
    );
    await send(raw('tok.2'), ['reply+tokSales1@touchpoint.test']);
    const [event] = await events('<tok.2@example.com>');
    expect(event.channel_id).toBe(salesChannelId);
    expect(event.payload.envelope.to).toEqual(['reply+tokSales1@touchpoint.test']);

    // The token is only ours at the domain of one of our channels.
    const err = await rejection(send(raw('tok.3'), ['reply+tokSales1@elsewhere.test']));
    expect(err.responseCode).toBe(550);
  });

  it('stores one event per channel when recipients belong to different channels (form addresses too)', async () => {
    const raw = 'From: a@example.com\r\nMessage-ID: <multi.1@example.com>\r\n\r\nHi all\r\n';
    await send(raw, ['support@touchpoint.test', 'forms@other.test', 'sales@touchpoint.test']);
    const rows = await events('<multi.1@example.com>');
    expect(
      rows
        .map((r) => [r.channel_id, r.payload.envelope.to])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual(
      [
        [emailChannelId, ['support@touchpoint.test']],
        [formChannelId, ['forms@other.test']],
        [salesChannelId, ['sales@touchpoint.test']],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it('keeps the null sender of bounces as an empty envelope sender', async () => {
    const raw = readFileSync(resolve(FIXTURES, 'dsn-postfix.eml'));
    await send(raw, ['support@touchpoint.test'], '');
    const [row] = await events('<20250304090005.9B0E2C1A1@mail.touchpoint.test>');
    expect(row.payload.envelope.from).toBe('');
  });

  it('answers 451 when the message cannot be stored, so the sender retries', async () => {
    const raw = 'From: a@example.com\r\nMessage-ID: <later.1@example.com>\r\n\r\nHi\r\n';
    await db.query('ALTER TABLE inbound_events RENAME TO inbound_events_away');
    try {
      const err = await rejection(send(raw, ['support@touchpoint.test']));
      expect(err.responseCode).toBe(451);
    } finally {
      await db.query('ALTER TABLE inbound_events_away RENAME TO inbound_events');
    }
    await send(raw, ['support@touchpoint.test']);
    expect(await events('<later.1@example.com>')).toHaveLength(1);
  });
});
