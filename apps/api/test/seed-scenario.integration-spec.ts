import { createHmac, randomUUID } from 'node:crypto';
import {
  WIDGET_EVENTS,
  type HandoffDto,
  type MessageDto,
  type TimelineDto,
  type WidgetMessageDto,
} from '@touchpoint/shared';
import type { Socket } from 'socket.io-client';
import { makeChannel } from './helpers/channels';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { mailToIntake } from './helpers/smtp-intake';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink';
import { connectVisitor, visitorSentinel, widgetSession } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const CHAT_SECRET = 'seed-scenario-chat-secret-01';

/**
 * The story Touchpoint exists for: marketing answers first and keeps the customer; service and sales
 * help behind the scenes; the customer never gets forwarded and hears everything in their channel.
 */
describe('the seed scenario, end to end', () => {
  let t: TestApp;
  let sink: SmtpSink;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await t.close();
    await sink.close();
  });

  it('one conversation, owner Eva throughout, no transfers, every answer in the chat, nothing internal outside', async () => {
    const [marketing, service, sales] = await Promise.all(
      ['Marketing', 'Service', 'Sales'].map((n) => makeTeam(t.db, n)),
    );
    const chat = await makeChannel(
      t.db,
      'webchat',
      marketing.id,
      { secret: CHAT_SECRET, allowedOrigins: [] },
      'Website',
    );
    await makeChannel(
      t.db,
      'email',
      service.id,
      { address: 'service@beispiel.test', smtp: sink.smtp },
      'Service-Postfach',
    );
    const api = async (name: string, teamId: string) =>
      as(t.url, (await login(t.url, await makeUser(t.db, { teams: [teamId], name }))).accessToken);
    const eva = await api('Eva', marketing.id);
    const anna = await api('Anna', service.id);
    const clara = await api('Clara', sales.id);

    // The customer, signed in on the shop, writes in the website chat.
    const email = 'kunde@beispiel-kunde.test';
    const customer = connectVisitor(
      t.url,
      {
        channelId: chat.id,
        identifier: email,
        identifierHash: createHmac('sha256', CHAT_SECRET).update(email).digest('hex'),
        name: 'Kim Kunde',
      },
      'https://shop.beispiel.test',
    );
    sockets.push(customer);
    const received: WidgetMessageDto[] = [];
    customer.on(WIDGET_EVENTS.message, (m: WidgetMessageDto) => received.push(m));
    await widgetSession(customer);
    await customer.timeout(5000).emitWithAck(WIDGET_EVENTS.send, {
      clientMessageId: randomUUID(),
      text: 'Meine Bestellung 4711 ist beschädigt angekommen. Und gibt es das Sommerangebot für Gartenstühle noch?',
    });
    const [{ id }] = await waitFor('the conversation', async () => {
      const rows: { id: string }[] = await t.db.query('SELECT id FROM conversations');
      return rows.length ? rows : null;
    });

    // Eva (Marketing, runs the social profiles and the chat) answers first and becomes the owner.
    await eva.post(`/api/conversations/${id}/messages`).send({
      type: 'reply',
      body: 'Danke! Ich kümmere mich um beides.',
      clientMessageId: randomUUID(),
    });
    expect((await eva.get(`/api/conversations/${id}`)).body.owner.name).toBe('Eva');

    // She pulls in Service and Sales.
    const consultService = (
      await eva.post(`/api/conversations/${id}/handoffs`).send({
        kind: 'consult',
        teamId: service.id,
        note: 'Bestellung 4711 beschädigt angekommen, bitte prüfen.',
      })
    ).body as HandoffDto;
    const consultSales = (
      await eva.post(`/api/conversations/${id}/handoffs`).send({
        kind: 'consult',
        teamId: sales.id,
        note: 'Kunde fragt nach dem Sommerangebot Gartenstühle.',
      })
    ).body as HandoffDto;
    expect((await anna.post(`/api/handoffs/${consultService.id}/accept`)).status).toBe(200);
    expect((await clara.post(`/api/handoffs/${consultSales.id}/accept`)).status).toBe(200);

    // Anna finds the problem and suggests a reply; Clara writes the offer as a note.
    await anna.post(`/api/conversations/${id}/messages`).send({
      type: 'note',
      body: 'INTERN: Transportschaden, Lager Nord.',
      clientMessageId: randomUUID(),
    });
    const suggestion = (
      await anna.post(`/api/conversations/${id}/messages`).send({
        type: 'suggestion',
        body: 'Wir senden Ihnen kostenlos Ersatz für Bestellung 4711, er ist morgen unterwegs.',
        clientMessageId: randomUUID(),
      })
    ).body as MessageDto;
    expect(suggestion).toMatchObject({
      type: 'note',
      suggestion: { status: 'open', sentMessageId: null },
    });
    await clara.post(`/api/conversations/${id}/messages`).send({
      type: 'note',
      body: 'INTERN: Sommerangebot 20 % bis 31.8., Code SOMMER20.',
      clientMessageId: randomUUID(),
    });
    // Anna may not answer the customer herself.
    expect(
      (
        await anna
          .post(`/api/conversations/${id}/messages`)
          .send({ type: 'reply', body: 'x', clientMessageId: randomUUID() })
      ).status,
    ).toBe(403);
    expect(
      (
        await anna
          .post(`/api/messages/${suggestion.id}/send-suggestion`)
          .send({ clientMessageId: randomUUID() })
      ).status,
    ).toBe(403);

    // Eva sends both answers in the chat: the suggestion as is, the offer in her own words.
    const sendKey = randomUUID();
    const sent = await eva
      .post(`/api/messages/${suggestion.id}/send-suggestion`)
      .send({ clientMessageId: sendKey });
    expect(sent.status).toBe(201);
    expect(
      (
        await eva
          .post(`/api/messages/${suggestion.id}/send-suggestion`)
          .send({ clientMessageId: sendKey })
      ).status,
    ).toBe(200);
    expect(
      (
        await eva
          .post(`/api/messages/${suggestion.id}/send-suggestion`)
          .send({ clientMessageId: randomUUID() })
      ).status,
    ).toBe(409);
    await eva.post(`/api/conversations/${id}/messages`).send({
      type: 'reply',
      body: 'Das Sommerangebot gilt bis 31.8.: 20 % mit dem Code SOMMER20.',
      clientMessageId: randomUUID(),
    });
    await anna
      .post(`/api/handoffs/${consultService.id}/complete`)
      .send({ summary: 'Ersatz versendet' });
    await clara
      .post(`/api/handoffs/${consultSales.id}/complete`)
      .send({ summary: 'Angebot genannt' });

    await waitFor(
      'three answers in the chat',
      async () => received.filter((m) => m.direction === 'out').length === 3,
    );
    expect(received.filter((m) => m.direction === 'out').map((m) => m.text)).toEqual([
      'Danke! Ich kümmere mich um beides.',
      'Wir senden Ihnen kostenlos Ersatz für Bestellung 4711, er ist morgen unterwegs.',
      'Das Sommerangebot gilt bis 31.8.: 20 % mit dem Code SOMMER20.',
    ]);
    expect(received.every((m) => m.direction === 'in' || m.authorName === 'Eva')).toBe(true);

    // Later the customer writes by email from the known address: same conversation.
    await mailToIntake(t.app, {
      from: `"Kim Kunde" <${email}>`,
      to: 'service@beispiel.test',
      subject: 'Ersatz',
      text: 'Danke, Ersatz ist angekommen!',
    });
    const timeline = await waitFor('the email in the conversation', async () => {
      const tl = (await eva.get(`/api/conversations/${id}/timeline`)).body as TimelineDto;
      return tl.entries.some((e) => e.type === 'message' && e.message.channel?.kind === 'email')
        ? tl
        : null;
    });

    expect((await t.db.query('SELECT count(*)::int AS n FROM conversations'))[0].n).toBe(1);
    const conversation = (await eva.get(`/api/conversations/${id}`)).body;
    expect(conversation.owner.name).toBe('Eva');
    expect(conversation.channelKinds).toEqual(['webchat', 'email']);
    const assignments = timeline.entries.filter(
      (e) => e.type === 'event' && e.event.kind === 'conversation.assigned',
    );
    expect(assignments).toHaveLength(1);
    expect(
      (await t.db.query(`SELECT count(*)::int AS n FROM handoffs WHERE kind = 'transfer'`))[0].n,
    ).toBe(0);

    // Nothing internal left the building: not in the chat, not by email.
    await drainQueues(t);
    await visitorSentinel(t, customer, chat.id);
    const outside = JSON.stringify(received) + sink.messages.map((m) => m.raw.toString()).join('');
    expect(outside).not.toContain('INTERN');
    expect(outside).not.toContain('Lager Nord');
    expect(sink.messages).toHaveLength(0);
  });
});
