import { createHmac, randomUUID } from 'node:crypto';
import {
  WIDGET_EVENTS,
  type TimelineDto,
  type WidgetAck,
  type WidgetMessageDto,
} from '@touchpoint/shared';
import type { Socket } from 'socket.io-client';
import request from 'supertest';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel } from './helpers/channels';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { mailToIntake } from './helpers/smtp-intake';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink';
import { connectVisitor, visitorSentinel, widgetSession } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const CHAT_SECRET = 'cross-channel-chat-secret-0123';

/**
 * The heart of the product: a customer writes through the contact form, then by email, then in the
 * website chat signed in as themselves, and it is all one conversation with three channels.
 */
describe('one conversation across channels', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let form: Channel;
  let chat: Channel;
  let agent: ReturnType<typeof as>;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    sink = await startSmtpSink();
    const team = await makeTeam(t.db, 'Service');
    form = await makeChannel(
      t.db,
      'form',
      team.id,
      { replyFrom: 'info@beispiel.test', smtp: sink.smtp },
      'Kontaktformular',
    );
    await makeChannel(
      t.db,
      'email',
      team.id,
      { address: 'support@beispiel.test', smtp: sink.smtp },
      'Support-Postfach',
    );
    chat = await makeChannel(
      t.db,
      'webchat',
      team.id,
      { secret: CHAT_SECRET, allowedOrigins: [] },
      'Website',
    );
    agent = as(
      t.url,
      (await login(t.url, await makeUser(t.db, { teams: [team.id], name: 'Anna' }))).accessToken,
    );
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.close();
    await sink.close();
  });

  const conversations = (): Promise<{ id: string }[]> =>
    t.db.query(
      `SELECT DISTINCT c.id FROM conversations c JOIN contact_identities i ON i.contact_id = c.contact_id
       WHERE i.kind = 'email' AND i.address = 'karla@kunde.test'`,
    );
  const messagesOf = async (id: string) =>
    ((await agent.get(`/api/conversations/${id}/timeline`)).body as TimelineDto).entries.flatMap(
      (e) => (e.type === 'message' ? [e.message] : []),
    );

  it('threads form, email and a verified chat of the same customer into one conversation', async () => {
    // 1. Contact form.
    const posted = await request(t.url).post(`/forms/${form.id}`).send({
      name: 'Karla Kunde',
      email: 'Karla@Kunde.test',
      subject: 'Bestellung 4711',
      message: 'Meine Bestellung 4711 fehlt noch.',
    });
    expect(posted.status).toBe(202);
    const [conversation] = await waitFor('the form conversation', async () => {
      const rows = await conversations();
      return rows.length ? rows : null;
    });

    // 2. An email from the same address, a new thread (no reply headers).
    await mailToIntake(t.app, {
      from: '"Karla Kunde" <karla@kunde.test>',
      to: 'support@beispiel.test',
      subject: 'Noch eine Frage',
      text: 'Gibt es die Stühle auch in Grün?',
    });
    await waitFor(
      'the email in the same conversation',
      async () => (await messagesOf(conversation.id)).length === 2,
    );

    // 3. The website chat, signed in on the shop: the site signs her email address.
    const identifier = 'karla@kunde.test';
    const visitor = connectVisitor(
      t.url,
      {
        channelId: chat.id,
        identifier,
        identifierHash: createHmac('sha256', CHAT_SECRET).update(identifier).digest('hex'),
      },
      'https://shop.example.test',
    );
    sockets.push(visitor);
    const replies: WidgetMessageDto[] = [];
    visitor.on(WIDGET_EVENTS.message, (m: WidgetMessageDto) => replies.push(m));
    await widgetSession(visitor);
    const ack = (await visitor.timeout(5000).emitWithAck(WIDGET_EVENTS.send, {
      clientMessageId: randomUUID(),
      text: 'Ich bin jetzt im Chat.',
    })) as WidgetAck<WidgetMessageDto>;
    expect(ack.ok).toBe(true);
    await waitFor(
      'the chat in the same conversation',
      async () => (await messagesOf(conversation.id)).length === 3,
    );

    expect(await conversations()).toHaveLength(1);
    const messages = await messagesOf(conversation.id);
    expect(messages.map((m) => [m.type, m.channel?.kind])).toEqual([
      ['inbound', 'form'],
      ['inbound', 'email'],
      ['inbound', 'webchat'],
    ]);
    const summary = (await agent.get(`/api/conversations/${conversation.id}`)).body;
    expect(summary.channelKinds).toEqual(['form', 'email', 'webchat']);
    expect(summary.contact.name).toBe('Karla Kunde');

    // The answer goes to the channel she wrote in last; the note goes nowhere.
    const mailsBefore = sink.messages.length;
    await agent
      .post(`/api/conversations/${conversation.id}/messages`)
      .send({ type: 'note', body: 'INTERN: Lager fragen', clientMessageId: randomUUID() });
    const reply = await agent.post(`/api/conversations/${conversation.id}/messages`).send({
      type: 'reply',
      body: 'Ja, die Stühle gibt es in Grün.',
      clientMessageId: randomUUID(),
    });
    expect(reply.body.channel.kind).toBe('webchat');
    await waitFor('the reply in the chat', async () =>
      replies.find((m) => m.text === 'Ja, die Stühle gibt es in Grün.'),
    );
    await drainQueues(t);
    await visitorSentinel(t, visitor, chat.id);
    expect(replies.map((m) => m.text)).not.toContain('INTERN: Lager fragen');
    expect(JSON.stringify(replies)).not.toContain('INTERN');
    expect(sink.messages.slice(mailsBefore)).toHaveLength(0);
  });
});
