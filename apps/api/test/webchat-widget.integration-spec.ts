import { createHmac, randomUUID } from 'node:crypto';
import {
  REALTIME_EVENTS,
  REALTIME_JOIN_CONVERSATION,
  REALTIME_READY,
  WIDGET_ERRORS,
  WIDGET_EVENTS,
  type ConversationTypingPayload,
  type WidgetAck,
  type WidgetHandshake,
  type WidgetMessageDto,
  type WidgetSessionPayload,
  type WidgetTypingPayload,
} from '@touchpoint/shared';
import type { Socket } from 'socket.io-client';
import { VisitorStore } from '../src/modules/channels/adapters/webchat/visitor-store';
import { WidgetNotifier } from '../src/modules/channels/adapters/webchat/widget-notifier.service';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForContactOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import {
  connectStaff,
  connectVisitor,
  once,
  visitorSentinel,
  widgetSession,
} from './helpers/sockets';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const SECRET = 'webchat-secret-0123456789abcdef';
const SITE = 'https://shop.example.test';

/** A visitor's browser tab: the socket and everything it received. */
interface Tab {
  socket: Socket;
  session: WidgetSessionPayload;
  received: { event: string; payload: unknown }[];
  messages(): WidgetMessageDto[];
  send(text: string, clientMessageId?: string): Promise<WidgetAck<WidgetMessageDto>>;
  close(): void;
}

function hashOf(identifier: string, secret = SECRET): string {
  return createHmac('sha256', secret).update(identifier).digest('hex');
}

/** The handshake's refusal message, or fails if the visitor got in. */
function refusal(url: string, auth: Partial<WidgetHandshake>, origin?: string): Promise<string> {
  const socket = connectVisitor(url, auth, origin);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer to the handshake')), 5000);
    socket.once('connect_error', (err: Error) => {
      clearTimeout(timer);
      socket.disconnect();
      resolve(err.message);
    });
    socket.once(WIDGET_EVENTS.session, () => {
      clearTimeout(timer);
      socket.disconnect();
      reject(new Error('the handshake was accepted'));
    });
  });
}

describe('website chat widget', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let teamId: string;
  let channel: Channel;
  let apiChannel: Channel;
  let anna: MadeUser;
  let annaToken: string;
  let annaApi: ReturnType<typeof as>;
  const open: Socket[] = [];

  async function visit(
    auth: Partial<WidgetHandshake>,
    opts: { origin?: string; app?: TestApp } = {},
  ): Promise<Tab> {
    const socket = connectVisitor(
      (opts.app ?? t).url,
      { channelId: channel.id, ...auth },
      opts.origin ?? SITE,
    );
    open.push(socket);
    const received: Tab['received'] = [];
    socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
    const session = await widgetSession(socket);
    return {
      socket,
      session,
      received,
      messages: () =>
        received
          .filter((r) => r.event === WIDGET_EVENTS.message)
          .map((r) => r.payload as WidgetMessageDto),
      send: (text, clientMessageId = randomUUID()) =>
        socket.timeout(5000).emitWithAck(WIDGET_EVENTS.send, { clientMessageId, text }),
      close: () => socket.disconnect(),
    };
  }

  const inboundOf = (visitorProviderPrefix: string) =>
    t.db.query(
      `SELECT m.id, m.conversation_id AS "conversationId", m.contact_id AS "contactId", m.text
         FROM messages m WHERE m.channel_id = $1 AND m.provider_message_id LIKE $2 ORDER BY m.seq`,
      [channel.id, `${visitorProviderPrefix}:%`],
    ) as Promise<{ id: string; conversationId: string; contactId: string; text: string }[]>;

  /** Sends a message and waits until the worker stored it; returns its conversation and contact. */
  /** The server noticed the tab closed: the visitor counts as gone. */
  async function waitForOffline(tab: Tab): Promise<void> {
    const visitorId = tab.session.sessionToken.split('.')[0];
    const store = t.app.get(VisitorStore);
    await waitFor(
      'the visitor to be offline',
      async () => !(await store.isOnline(channel.id, visitorId)),
    );
  }

  async function sendAndStore(tab: Tab, text: string) {
    const ack = await tab.send(text);
    expect(ack).toMatchObject({ ok: true });
    const visitorId = tab.session.sessionToken.split('.')[0];
    return waitFor('the stored visitor message', async () =>
      (await inboundOf(visitorId)).find((m) => m.text === text),
    );
  }

  /** The customer writes through the site's API channel first, so the contact exists. */
  const writesViaApi = (contact: Record<string, string>, text: string) =>
    postApiMessage(t.url, apiChannel, { id: `m-${randomUUID()}`, contact, text }).expect(202);

  const reply = (conversationId: string, body: string, type: 'reply' | 'note' = 'reply') =>
    annaApi
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type, body, clientMessageId: randomUUID() });

  beforeAll(async () => {
    t = await startTestApp();
    sink = await startSmtpSink();
    teamId = (await makeTeam(t.db, 'Service')).id;
    await makeChannel(t.db, 'email', teamId, {
      address: 'support@shop.example.test',
      smtp: sink.smtp,
    });
    channel = await makeChannel(t.db, 'webchat', teamId, {
      secret: SECRET,
      allowedOrigins: [SITE, 'https://*.example.org'],
      greeting: 'Hallo! Wie können wir helfen?',
      replyFrom: 'support@shop.example.test',
    });
    apiChannel = await makeChannel(t.db, 'api', teamId, {
      secret: 'api-channel-secret-0123456789',
    });
    anna = await makeUser(t.db, { teams: [teamId], name: 'Anna' });
    annaToken = (await login(t.url, anna)).accessToken;
    annaApi = as(t.url, annaToken);
  });
  afterAll(async () => {
    open.forEach((s) => s.disconnect());
    await t.close();
    await sink.close();
  });

  describe('handshake', () => {
    it('refuses unknown, disabled and non-webchat channels and foreign origins', async () => {
      expect(await refusal(t.url, { channelId: randomUUID() }, SITE)).toBe(
        WIDGET_ERRORS.channelUnavailable,
      );
      expect(await refusal(t.url, { channelId: 'not-a-uuid' }, SITE)).toBe(
        WIDGET_ERRORS.channelUnavailable,
      );
      expect(await refusal(t.url, { channelId: apiChannel.id }, SITE)).toBe(
        WIDGET_ERRORS.channelUnavailable,
      );
      const disabled = await makeChannel(t.db, 'webchat', teamId, { secret: SECRET });
      await t.db.query('UPDATE channels SET enabled = false WHERE id = $1', [disabled.id]);
      expect(await refusal(t.url, { channelId: disabled.id }, SITE)).toBe(
        WIDGET_ERRORS.channelUnavailable,
      );

      for (const origin of ['https://evil.example.test', 'http://shop.example.test', undefined])
        expect(await refusal(t.url, { channelId: channel.id }, origin)).toBe(
          WIDGET_ERRORS.originNotAllowed,
        );
      // Subdomains of a wildcard entry pass; the bare domain does not.
      expect(await refusal(t.url, { channelId: channel.id }, 'https://example.org')).toBe(
        WIDGET_ERRORS.originNotAllowed,
      );
      const sub = await visit({}, { origin: 'https://www.example.org' });
      expect(sub.session.sessionToken).toBeTruthy();
      sub.close();
    });

    it('lets any origin in when the channel lists none', async () => {
      const anyOrigin = await makeChannel(t.db, 'webchat', teamId, { secret: SECRET });
      const socket = connectVisitor(
        t.url,
        { channelId: anyOrigin.id },
        'https://anywhere.example.test',
      );
      open.push(socket);
      const session = await widgetSession(socket);
      expect(session).toMatchObject({ greeting: null, messages: [], agentsOnline: false });
      socket.disconnect();
    });

    it('opens a session with greeting and availability, and refuses a forged identifierHash', async () => {
      const tab = await visit({});
      expect(tab.session).toMatchObject({
        greeting: 'Hallo! Wie können wir helfen?',
        agentsOnline: false,
        messages: [],
        email: null,
      });
      expect(tab.session.sessionToken).toMatch(/^v_[\w-]{22}\.[\w-]+$/);
      tab.close();

      expect(
        await refusal(
          t.url,
          {
            channelId: channel.id,
            identifier: 'cust-1',
            identifierHash: hashOf('cust-1', 'x'.repeat(20)),
          },
          SITE,
        ),
      ).toBe(WIDGET_ERRORS.invalidIdentity);
      expect(await refusal(t.url, { channelId: channel.id, identifier: 'cust-1' }, SITE)).toBe(
        WIDGET_ERRORS.invalidIdentity,
      );
    });

    it('reports agents online while a member of the team has the inbox open', async () => {
      const early = await visit({});
      expect(early.session.agentsOnline).toBe(false);
      const staff = connectStaff(t.url, annaToken);
      open.push(staff);
      await once(staff, REALTIME_READY);
      try {
        const tab = await visit({});
        expect(tab.session.agentsOnline).toBe(true);
        tab.close();
        // A visitor already there learns it when the staff gateway reports the presence change.
        await t.app.get(WidgetNotifier).staffPresenceChanged(anna.id);
        const news = await waitFor('availability at the early visitor', async () =>
          early.received.find((r) => r.event === WIDGET_EVENTS.availability),
        );
        expect(news.payload).toEqual({ agentsOnline: true });
      } finally {
        staff.disconnect();
        early.close();
      }
      await waitFor('Anna offline', async () => {
        const tab = await visit({});
        tab.close();
        return !tab.session.agentsOnline;
      });
    });
  });

  describe('messages', () => {
    it('stores a message once however often the same clientMessageId is sent', async () => {
      const tab = await visit({ name: 'Vera Visitor' });
      const other = await visit({ sessionToken: tab.session.sessionToken });
      const clientMessageId = randomUUID();
      const acks = await Promise.all(
        [1, 2, 3].map(() => tab.send('Hallo, wo ist mein Paket?', clientMessageId)),
      );
      expect(acks.every((a) => a.ok)).toBe(true);
      const ids = new Set(acks.map((a) => (a.ok ? a.data?.id : null)));
      expect(ids.size).toBe(1);
      expect(acks[0]).toMatchObject({
        ok: true,
        data: {
          direction: 'in',
          text: 'Hallo, wo ist mein Paket?',
          clientMessageId,
          authorName: null,
        },
      });

      const visitorId = tab.session.sessionToken.split('.')[0];
      const [stored] = await waitFor('the stored message', async () => {
        const rows = await inboundOf(visitorId);
        return rows.length ? rows : null;
      });
      // Resent after processing (a reconnect): still one message.
      expect(await tab.send('Hallo, wo ist mein Paket?', clientMessageId)).toMatchObject({
        ok: true,
      });
      await drainQueues(t);
      expect(await inboundOf(visitorId)).toHaveLength(1);

      const contact = await annaApi.get(`/api/contacts/${stored.contactId}`);
      expect(contact.body).toMatchObject({
        name: 'Vera Visitor',
        identities: [{ kind: 'webchat', address: visitorId, verified: false }],
      });
      // The visitor's other tab saw the message once.
      await waitFor('the echo in the other tab', async () => other.messages().length === 1);
      expect(other.messages()[0]).toMatchObject({ clientMessageId, direction: 'in' });
      tab.close();
      other.close();
    });

    it('refuses empty and overlong messages and more than 10 sends in 10 seconds', async () => {
      const tab = await visit({});
      expect(await tab.send('   ')).toEqual({ ok: false, error: WIDGET_ERRORS.invalidMessage });
      expect(await tab.send('x'.repeat(5001))).toEqual({
        ok: false,
        error: WIDGET_ERRORS.invalidMessage,
      });
      expect(
        await tab.socket
          .timeout(5000)
          .emitWithAck(WIDGET_EVENTS.send, { clientMessageId: 'x', text: 'hi' }),
      ).toEqual({ ok: false, error: WIDGET_ERRORS.invalidMessage });
      const acks = [];
      for (let i = 0; i < 11; i++) acks.push(await tab.send(`Nachricht ${i}`));
      expect(acks.slice(0, 10).every((a) => a.ok)).toBe(true);
      expect(acks[10]).toEqual({ ok: false, error: WIDGET_ERRORS.rateLimited });
      tab.close();
    });

    it('resumes the session with its token: same visitor, history without notes', async () => {
      const tab = await visit({});
      const stored = await sendAndStore(tab, 'Ich habe eine Frage zur Rechnung');
      expect(
        (await reply(stored.conversationId, 'Interne Notiz: Kunde prüfen', 'note')).status,
      ).toBe(201);
      expect((await reply(stored.conversationId, 'Gern, worum geht es?')).status).toBe(201);
      await waitFor('the reply in the tab', async () =>
        tab.messages().find((m) => m.text === 'Gern, worum geht es?'),
      );
      // The tab hears the reply as it is sent; the history lists it once recorded as sent.
      await waitFor(
        'the reply recorded as sent',
        async () =>
          (
            await t.db.query(
              `SELECT 1 FROM messages WHERE conversation_id = $1 AND text = $2 AND delivery_status = 'sent'`,
              [stored.conversationId, 'Gern, worum geht es?'],
            )
          ).length === 1,
      );
      tab.close();

      const again = await visit({ sessionToken: tab.session.sessionToken });
      expect(again.session.sessionToken).toBe(tab.session.sessionToken);
      expect(again.session.messages.map((m) => [m.direction, m.text, m.authorName])).toEqual([
        ['in', 'Ich habe eine Frage zur Rechnung', null],
        ['out', 'Gern, worum geht es?', 'Anna'],
      ]);
      expect(again.session.messages[0].clientMessageId).toMatch(/^[0-9a-f-]{36}$/);
      // Writing again continues the same conversation of the same contact.
      const next = await sendAndStore(again, 'Die Rechnung 4711');
      expect(next).toMatchObject({
        conversationId: stored.conversationId,
        contactId: stored.contactId,
      });
      again.close();

      // A token of another channel (or a forged one) starts a new visitor.
      const forged = await visit({
        sessionToken: `${tab.session.sessionToken.split('.')[0]}.AAAA`,
      });
      expect(forged.session.sessionToken).not.toBe(tab.session.sessionToken);
      expect(forged.session.messages).toEqual([]);
      forged.close();
    });

    it('links a verified identifier to the existing contact and conversation', async () => {
      // The customer is known from the site's API channel.
      await writesViaApi({ identifier: 'cust-42', name: 'Karla Kundin' }, 'Bestellung 42');
      const [existing] = await waitFor('the API conversation', async () => {
        const rows: { id: string; contactId: string }[] = await t.db.query(
          `SELECT c.id, c.contact_id AS "contactId" FROM conversations c
             JOIN contact_identities i ON i.contact_id = c.contact_id
            WHERE i.kind = 'api' AND i.address = 'cust-42'`,
        );
        return rows.length ? rows : null;
      });

      const tab = await visit({ identifier: 'cust-42', identifierHash: hashOf('cust-42') });
      expect(tab.session.sessionToken).toMatch(/^u_/);
      const stored = await sendAndStore(tab, 'Und per Chat: wo ist Bestellung 42?');
      expect(stored).toMatchObject({ conversationId: existing.id, contactId: existing.contactId });
      tab.close();

      // Another device of the same signed-in customer is the same visitor with the same history.
      const device = await visit({
        identifier: 'cust-42',
        identifierHash: hashOf('cust-42').toUpperCase(),
      });
      expect(device.session.sessionToken).toBe(tab.session.sessionToken);
      expect(device.session.messages.map((m) => m.text)).toEqual([
        'Und per Chat: wo ist Bestellung 42?',
      ]);
      device.close();

      // After the site's logout the token alone does not resume the signed-in customer's chat.
      const loggedOut = await visit({ sessionToken: tab.session.sessionToken });
      expect(loggedOut.session.sessionToken).toMatch(/^v_/);
      expect(loggedOut.session.messages).toEqual([]);
      loggedOut.close();
    });

    it('links a verified email identifier to the contact owning that address', async () => {
      await writesViaApi({ email: 'verified@example.test' }, 'Per API');
      const ownerId = await waitForContactOf(t.db, 'email', 'verified@example.test');
      const tab = await visit({
        identifier: 'Verified@Example.test',
        identifierHash: hashOf('Verified@Example.test'),
      });
      const stored = await sendAndStore(tab, 'Verifiziert per Chat');
      expect(stored.contactId).toBe(ownerId);
      tab.close();
    });

    it('never attaches an email left by an anonymous visitor to the contact owning it', async () => {
      await writesViaApi(
        { email: 'owner@example.test', name: 'Olga Owner' },
        'Meine echte Anfrage',
      );
      const ownerId = await waitForContactOf(t.db, 'email', 'owner@example.test');
      const ownerConversations = async () =>
        (await t.db.query('SELECT id FROM conversations WHERE contact_id = $1', [ownerId]))
          .length as number;
      const before = await ownerConversations();

      // Typed before the first message (travels with it) ...
      const tab = await visit({});
      expect(
        await tab.socket
          .timeout(5000)
          .emitWithAck(WIDGET_EVENTS.leaveEmail, { email: 'Owner@Example.test' }),
      ).toEqual({ ok: true });
      const first = await sendAndStore(tab, 'Ich bin bestimmt Olga');
      expect(first.contactId).not.toBe(ownerId);
      // ... and after it (the visitor's contact exists now).
      expect(
        await tab.socket
          .timeout(5000)
          .emitWithAck(WIDGET_EVENTS.leaveEmail, { email: 'owner@example.test' }),
      ).toEqual({ ok: true });
      // ... and passed by the page in the handshake.
      const other = await visit({ email: 'owner@example.test' });
      const second = await sendAndStore(other, 'Ich auch');
      expect(second.contactId).not.toBe(ownerId);

      const owners: { contactId: string }[] = await t.db.query(
        `SELECT contact_id AS "contactId" FROM contact_identities WHERE kind = 'email' AND address = 'owner@example.test'`,
      );
      expect(owners).toEqual([{ contactId: ownerId }]);
      expect(await ownerConversations()).toBe(before);
      expect(
        await tab.socket.timeout(5000).emitWithAck(WIDGET_EVENTS.leaveEmail, { email: 'nope' }),
      ).toEqual({ ok: false, error: WIDGET_ERRORS.invalidEmail });

      // A free address is stored on the visitor's own contact, unverified.
      const fresh = await visit({});
      await sendAndStore(fresh, 'Bitte per Mail antworten');
      await fresh.socket
        .timeout(5000)
        .emitWithAck(WIDGET_EVENTS.leaveEmail, { email: 'fresh@example.test' });
      const freshContact = (await inboundOf(fresh.session.sessionToken.split('.')[0]))[0].contactId;
      const identities: { kind: string; address: string; verified: boolean }[] = await t.db.query(
        'SELECT kind, address, verified FROM contact_identities WHERE contact_id = $1 ORDER BY kind',
        [freshContact],
      );
      expect(identities.map((i) => [i.kind, i.address, i.verified])).toEqual([
        ['email', 'fresh@example.test', false],
        ['webchat', fresh.session.sessionToken.split('.')[0], false],
      ]);
      tab.close();
      other.close();
      fresh.close();
    });
  });

  describe('replies and typing', () => {
    it('sends agent replies live to every tab of the visitor, never a note', async () => {
      const tab = await visit({});
      const second = await visit({ sessionToken: tab.session.sessionToken });
      const stored = await sendAndStore(tab, 'Kann ich zurückgeben?');

      expect((await reply(stored.conversationId, 'GEHEIM: nur intern', 'note')).status).toBe(201);
      const res = await reply(stored.conversationId, 'Ja, innerhalb von 30 Tagen.');
      expect(res.status).toBe(201);
      const live = await waitFor('the live reply', async () =>
        tab.messages().find((m) => m.text === 'Ja, innerhalb von 30 Tagen.'),
      );
      expect(live).toMatchObject({ id: res.body.id, direction: 'out', authorName: 'Anna' });
      await waitFor('the reply in the second tab', async () =>
        second.messages().find((m) => m.id === res.body.id),
      );
      await waitFor('the reply marked sent', async () => {
        const [m] = await t.db.query('SELECT delivery_status FROM messages WHERE id = $1', [
          res.body.id,
        ]);
        return m.delivery_status === 'sent';
      });
      // The note was written before the reply that arrived: it never came, in no form.
      for (const received of [...tab.received, ...second.received])
        expect(JSON.stringify(received.payload)).not.toContain('GEHEIM');
      tab.close();
      second.close();
    });

    it('reaches a visitor connected to another api process', async () => {
      const b = await startTestApp({ REDIS_PREFIX: t.config.redis.prefix }, t.config.database.url);
      try {
        const tab = await visit({});
        const elsewhere = await visit({ sessionToken: tab.session.sessionToken }, { app: b });
        const stored = await sendAndStore(tab, 'Zwei Server');
        await waitFor('the echo on the other node', async () =>
          elsewhere.messages().find((m) => m.text === 'Zwei Server'),
        );
        tab.close();
        const res = await reply(stored.conversationId, 'Antwort über Redis');
        await waitFor('the reply on the other node', async () =>
          elsewhere.messages().find((m) => m.id === res.body.id),
        );
        // Still online through node b: no email went out.
        expect(
          sink.messages.find((m) => m.parsed.text?.includes('Antwort über Redis')),
        ).toBeUndefined();
        elsewhere.close();
      } finally {
        await b.close();
      }
    });

    it('answers an offline visitor who left an email by email, with a reply+token Reply-To', async () => {
      const tab = await visit({});
      const stored = await sendAndStore(tab, 'Ich muss gleich los');
      expect(
        await tab.socket
          .timeout(5000)
          .emitWithAck(WIDGET_EVENTS.leaveEmail, { email: 'away@example.test' }),
      ).toEqual({ ok: true });
      tab.close();
      await waitForOffline(tab);

      const before = sink.messages.length;
      const res = await reply(stored.conversationId, 'Wir melden uns per Mail: alles erledigt.');
      expect(res.status).toBe(201);
      const [mail] = (await sink.waitFor(before + 1)).slice(before);
      const [conversation]: { reply_token: string }[] = await t.db.query(
        'SELECT reply_token FROM conversations WHERE id = $1',
        [stored.conversationId],
      );
      expect(mail.envelope.to).toEqual(['away@example.test']);
      expect(mail.parsed.from?.value[0].address).toBe('support@shop.example.test');
      expect(mail.parsed.replyTo?.value[0].address).toBe(
        `reply+${conversation.reply_token}@shop.example.test`,
      );
      expect(mail.parsed.text).toContain('Wir melden uns per Mail: alles erledigt.');
      const message = await waitFor('the reply marked sent', async () => {
        const [m] = await t.db.query(
          'SELECT delivery_status, metadata FROM messages WHERE id = $1',
          [res.body.id],
        );
        return m.delivery_status === 'sent' ? m : null;
      });
      expect(message.metadata).toMatchObject({ emailedTo: 'away@example.test' });

      // Back on the site, the visitor finds the answer in the chat too.
      const back = await visit({ sessionToken: tab.session.sessionToken });
      expect(back.session.email).toBe('away@example.test');
      expect(back.session.messages.map((m) => m.text)).toContain(
        'Wir melden uns per Mail: alles erledigt.',
      );
      back.close();
    });

    it('keeps the reply for the next visit when an offline visitor left no email', async () => {
      const tab = await visit({});
      const stored = await sendAndStore(tab, 'Ohne Mail');
      tab.close();
      await waitForOffline(tab);
      const before = sink.messages.length;
      const res = await reply(stored.conversationId, 'Antwort fürs nächste Mal');
      await waitFor('the reply marked sent', async () => {
        const [m] = await t.db.query('SELECT delivery_status FROM messages WHERE id = $1', [
          res.body.id,
        ]);
        return m.delivery_status === 'sent';
      });
      expect(sink.messages.length).toBe(before);
      const back = await visit({ sessionToken: tab.session.sessionToken });
      expect(back.session.messages.map((m) => m.text)).toEqual([
        'Ohne Mail',
        'Antwort fürs nächste Mal',
      ]);
      back.close();
    });

    it('shows the visitor typing to agents, and agents typing to the visitor', async () => {
      const tab = await visit({ name: 'Tina Tipp' });
      const stored = await sendAndStore(tab, 'Moment, ich suche die Nummer');
      const staff = connectStaff(t.url, annaToken);
      open.push(staff);
      await once(staff, REALTIME_READY);
      expect(
        await staff.timeout(5000).emitWithAck(REALTIME_JOIN_CONVERSATION, {
          conversationId: stored.conversationId,
        }),
      ).toMatchObject({ ok: true });
      const typing = new Promise<ConversationTypingPayload>((r) =>
        staff.once(REALTIME_EVENTS.conversationTyping, r),
      );
      tab.socket.emit(WIDGET_EVENTS.visitorTyping, { typing: true });
      expect(await typing).toEqual({
        conversationId: stored.conversationId,
        typing: true,
        author: { type: 'contact', id: stored.contactId, name: 'Tina Tipp' },
      });

      // Typing a note stays among staff; typing a reply reaches the visitor.
      expect(
        await staff.timeout(5000).emitWithAck(REALTIME_EVENTS.conversationTyping, {
          conversationId: stored.conversationId,
          typing: true,
          kind: 'note',
        }),
      ).toEqual({ ok: true });
      await visitorSentinel(t, tab.socket, channel.id);
      expect(tab.received.filter((r) => r.event === WIDGET_EVENTS.typing)).toEqual([]);
      expect(
        await staff.timeout(5000).emitWithAck(REALTIME_EVENTS.conversationTyping, {
          conversationId: stored.conversationId,
          typing: true,
          kind: 'reply',
        }),
      ).toEqual({ ok: true });
      const agent = await waitFor('agent typing at the visitor', async () =>
        tab.received.find((r) => r.event === WIDGET_EVENTS.typing),
      );
      expect((agent.payload as WidgetTypingPayload).typing).toBe(true);
      expect((agent.payload as WidgetTypingPayload).authorName).toBeTruthy();
      staff.disconnect();
      tab.close();
    });
  });
});
