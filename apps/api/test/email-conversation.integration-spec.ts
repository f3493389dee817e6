import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { MessageDto, TimelineDto } from '@touchpoint/shared';
import type { Job } from 'bullmq';
import type { SendMailOptions } from 'nodemailer';
import { OutboundDeliverJob } from '../src/modules/outbound/outbound-deliver.job';
import { makeChannel } from './helpers/channels';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink';
import { mailToIntake } from './helpers/smtp-intake';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

describe('email conversation end to end', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let api: ReturnType<typeof as>;

  /** The customer's mail client, delivering to our SMTP server. */
  const customerSends = (mail: SendMailOptions) =>
    mailToIntake(t.app, { from: '"Jürgen Müller" <kunde@example.de>', ...mail });

  const conversationsOfCustomer = (): Promise<
    { id: string; reply_token: string; status: string }[]
  > =>
    t.db.query(
      `SELECT c.id, c.reply_token, c.status FROM conversations c
         JOIN contact_identities i ON i.contact_id = c.contact_id
        WHERE i.kind = 'email' AND i.address = 'kunde@example.de' ORDER BY c.created_at`,
    );

  const messagesOf = async (conversationId: string): Promise<MessageDto[]> =>
    (
      (await api.get(`/api/conversations/${conversationId}/timeline`)).body as TimelineDto
    ).entries.flatMap((e) => (e.type === 'message' ? [e.message] : []));

  beforeAll(async () => {
    t = await startTestApp();
    sink = await startSmtpSink();
    const team = await makeTeam(t.db, 'Kundenservice');
    await makeChannel(
      t.db,
      'email',
      team.id,
      { address: 'support@touchpoint.test', smtp: sink.smtp },
      'Support',
    );
    const anna = await makeUser(t.db, { teams: [team.id], name: 'Anna' });
    api = as(t.url, (await login(t.url, anna)).accessToken);
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('mail in → agent reply out with threading headers → the customer’s answer lands in the same conversation', async () => {
    await customerSends({
      to: 'support@touchpoint.test',
      subject: 'Größe der Lieferung',
      text: 'Welche Größe hat das Paket? Übermorgen bin ich da.',
      messageId: '<first.1@example.de>',
    });
    const [conversation] = await waitFor('conversation', async () => {
      const rows = await conversationsOfCustomer();
      return rows.length ? rows : null;
    });
    const [first] = await waitFor('inbound message', async () => {
      const list = await messagesOf(conversation.id);
      return list.length ? list : null;
    });
    expect(first).toMatchObject({
      type: 'inbound',
      subject: 'Größe der Lieferung',
      text: 'Welche Größe hat das Paket? Übermorgen bin ich da.',
    });

    const reply = await api
      .post(`/api/conversations/${conversation.id}/messages`)
      .send({ type: 'reply', body: 'Die Größe ist XL.', clientMessageId: randomUUID() });
    expect(reply.status).toBe(201);
    const [out] = await sink.waitFor(1);
    const ourId = `<touchpoint.${reply.body.id}@touchpoint.test>`;
    expect(out.envelope.to).toEqual(['kunde@example.de']);
    expect(out.parsed.messageId).toBe(ourId);
    expect(out.parsed.inReplyTo).toBe('<first.1@example.de>');
    expect(out.parsed.references).toBe('<first.1@example.de>');
    expect(out.parsed.subject).toBe('Re: Größe der Lieferung');
    expect(out.parsed.replyTo?.value[0].address).toBe(
      `reply+${conversation.reply_token}@touchpoint.test`,
    );
    expect(out.parsed.text?.trim()).toBe('Die Größe ist XL.');
    await waitFor('reply sent', async () =>
      (await messagesOf(conversation.id)).find(
        (m) => m.id === reply.body.id && m.deliveryStatus === 'sent',
      ),
    );

    // Resolved meanwhile, and the customer's client drops the thread headers: the reply+ address alone
    // brings the answer back (and reopens the conversation) instead of opening a new one.
    await t.db.query(
      `UPDATE conversations SET status = 'resolved', resolved_at = now() WHERE id = $1`,
      [conversation.id],
    );
    await customerSends({
      to: out.parsed.replyTo?.value[0].address,
      subject: 'AW: Größe der Lieferung',
      text: 'Danke!\n\nAm 04.03.2025 um 10:00 schrieb Anna via Support:\n> Die Größe ist XL.\n',
      messageId: '<second.1@example.de>',
    });
    const answer = await waitFor('answer', async () =>
      (await messagesOf(conversation.id)).find((m) => m.type === 'inbound' && m.text === 'Danke!'),
    );
    expect(answer.quoted).toContain('> Die Größe ist XL.');
    const conversations = await conversationsOfCustomer();
    expect(conversations.map((c) => [c.id, c.status])).toEqual([[conversation.id, 'open']]);

    // A bounce of our reply marks it failed; an out-of-office adds nothing.
    const dsn = readFileSync(resolve(__dirname, 'fixtures/email/dsn-postfix.eml'))
      .toString('latin1')
      .replace('<touchpoint.5b0c4d3e-1111-4a2b-9c3d-0123456789ab@touchpoint.test>', ourId);
    await mailToIntake(t.app, {
      envelope: { from: '', to: ['support@touchpoint.test'] },
      raw: Buffer.from(dsn, 'latin1'),
    });
    const bounced = await waitFor('bounce applied', async () =>
      (await messagesOf(conversation.id)).find(
        (m) => m.id === reply.body.id && m.deliveryStatus === 'failed',
      ),
    );
    expect(bounced.deliveryError).toContain('User unknown');

    await customerSends({
      to: 'support@touchpoint.test',
      subject: 'Automatische Antwort: Größe der Lieferung',
      text: 'Ich bin nicht im Büro.',
      messageId: '<oof.1@example.de>',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const ignored = await waitFor('auto-reply ignored', async () => {
      const rows: { status: string; last_error: string }[] = await t.db.query(
        `SELECT status, last_error FROM inbound_events WHERE provider_message_id = '<oof.1@example.de>'`,
      );
      return rows[0]?.status === 'ignored' ? rows[0] : null;
    });
    expect(ignored.last_error).toBe('Auto-Submitted: auto-replied');
    expect(await messagesOf(conversation.id)).toHaveLength(3);

    // The agent retries the bounced reply: a new send, with the same Message-ID.
    const sunk = sink.messages.length;
    expect((await api.post(`/api/messages/${reply.body.id}/retry`)).status).toBe(201);
    const [again] = (await sink.waitFor(sunk + 1)).slice(sunk);
    expect(again.parsed.messageId).toBe(ourId);
    await waitFor('resent', async () =>
      (await messagesOf(conversation.id)).find(
        (m) => m.id === reply.body.id && m.deliveryStatus === 'sent',
      ),
    );
  });

  it('a reply refused once by the relay, then resent after a crash, carries the same Message-ID', async () => {
    await customerSends({
      to: 'support@touchpoint.test',
      subject: 'Rechnung',
      text: 'Wo ist meine Rechnung?',
      messageId: '<invoice.1@example.de>',
    });
    const inbound = await waitFor('inbound message', async () => {
      const rows: { conversation_id: string }[] = await t.db.query(
        `SELECT conversation_id FROM messages WHERE metadata->>'emailMessageId' = '<invoice.1@example.de>'`,
      );
      return rows[0];
    });
    const start = sink.messages.length;
    sink.rejectWith(451);
    const reply = await api
      .post(`/api/conversations/${inbound.conversation_id}/messages`)
      .send({ type: 'reply', body: 'Anbei.', clientMessageId: randomUUID() });
    expect(reply.status).toBe(201);
    const messageId = reply.body.id as string;
    const stateOf = async () =>
      (
        await t.db.query(
          `SELECT delivery_status AS status, delivery_attempts AS attempts, delivery_error AS error
             FROM messages WHERE id = $1`,
          [messageId],
        )
      )[0] as { status: string; attempts: number; error: string | null };
    await waitFor('first attempt refused', async () =>
      (await stateOf()).error?.startsWith('Retrying:'),
    );
    sink.rejectWith(null);
    await waitFor('sent on retry', async () => (await stateOf()).status === 'sent', 15_000);
    expect((await stateOf()).attempts).toBe(2);

    // The relay took it, but the worker died before recording that: the job runs again.
    await t.db.query(
      `UPDATE messages SET delivery_status = 'sending', provider_message_id = NULL WHERE id = $1`,
      [messageId],
    );
    await t.app.get(OutboundDeliverJob).handle({
      data: { messageId },
      attemptsMade: 0,
      opts: { attempts: 5 },
    } as Job<{
      messageId: string;
    }>);
    const copies = (await sink.waitFor(start + 2)).slice(start);
    const ourId = `<touchpoint.${messageId}@touchpoint.test>`;
    expect(copies.map((m) => m.parsed.messageId)).toEqual([ourId, ourId]);
    expect((await stateOf()).status).toBe('sent');
  });
});
