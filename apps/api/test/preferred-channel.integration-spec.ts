import { randomUUID } from 'node:crypto';
import type {
  ContactDto,
  ConversationDto,
  ConversationUpdatedPayload,
  MessageDto,
  ReplyChannelOptionDto,
} from '@touchpoint/shared';
import type { Channel } from '../src/modules/channels/channel.entity';
import { CallbackServer } from './helpers/callback-server';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForContactOf } from './helpers/conversations';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink';
import { once, readyStaff } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const SECRET = 'api-channel-secret-0123456789';

describe("a contact's preferred channel", () => {
  let t: TestApp;
  let sink: SmtpSink;
  let callback: CallbackServer;
  let shopApp: Channel;
  let billingMail: Channel;
  let agentToken: string;
  let agent: ReturnType<typeof as>;
  let outsider: ReturnType<typeof as>;
  let supervisor: ReturnType<typeof as>;

  beforeAll(async () => {
    t = await startTestApp();
    sink = await startSmtpSink();
    callback = await new CallbackServer().start();
    const service = (await makeTeam(t.db, 'Service')).id;
    const other = (await makeTeam(t.db, 'Other')).id;
    shopApp = await makeChannel(
      t.db,
      'api',
      service,
      { secret: SECRET, callbackUrl: callback.url },
      'Shop app',
    );
    const mail = (address: string, name: string) =>
      makeChannel(t.db, 'email', service, { address, smtp: sink.smtp }, name);
    await mail('support@shop.example.test', 'Support mail');
    billingMail = await mail('billing@shop.example.test', 'Billing mail');
    agentToken = (await login(t.url, await makeUser(t.db, { teams: [service] }))).accessToken;
    agent = as(t.url, agentToken);
    outsider = as(
      t.url,
      (await login(t.url, await makeUser(t.db, { teams: [other] }))).accessToken,
    );
    supervisor = as(
      t.url,
      (await login(t.url, await makeUser(t.db, { role: 'supervisor' }))).accessToken,
    );
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
    await callback?.stop();
  });

  /** A customer wrote through the shop app, with their email and phone: unowned in Service's queue. */
  const newCustomer = async () => {
    const identifier = `kunde-${randomUUID()}`;
    const email = `${identifier}@example.test`;
    const res = await postApiMessage(t.url, shopApp, {
      id: `m-${randomUUID()}`,
      contact: { identifier, email, phone: '+4915112345678', name: 'Karla Kunde' },
      text: 'Bitte rufen Sie mich an.',
    });
    expect(res.status).toBe(202);
    const contactId = await waitForContactOf(t.db, 'api', identifier);
    const [{ id }] = await waitFor('the conversation', async () => {
      const rows: { id: string }[] = await t.db.query(
        'SELECT id FROM conversations WHERE contact_id = $1',
        [contactId],
      );
      return rows.length ? rows : null;
    });
    return { contactId, conversationId: id, email };
  };

  const prefer = (who: ReturnType<typeof as>, contactId: string, body: unknown) =>
    who.patch(`/api/contacts/${contactId}`).send(body as object);

  const options = async (conversationId: string) =>
    (
      (await agent.get(`/api/conversations/${conversationId}/reply-channels`))
        .body as ReplyChannelOptionDto[]
    ).map((o) => [o.channel.name, o.isDefault]);

  const storedPreference = async (contactId: string) =>
    (
      (await t.db.query('SELECT preferred_channel AS p FROM contacts WHERE id = $1', [
        contactId,
      ])) as { p: string | null }[]
    )[0].p;

  it('is refused unless it is a channel kind, phone or null, naming the field', async () => {
    const { contactId } = await newCustomer();
    const refusal = async (body: unknown) => {
      const res = await prefer(agent, contactId, body);
      return [res.status, res.body.code, res.body.details?.[0]?.path, res.body.message];
    };
    const kinds =
      'email, form, webchat, api, twilio, whatsapp, messenger, instagram, telegram, phone, or null';
    expect(await refusal({ preferredChannel: 'pigeon' })).toEqual([
      400,
      'validation.failed',
      'preferredChannel',
      `preferredChannel must be one of ${kinds}`,
    ]);
    expect(await refusal({})).toEqual([
      400,
      'validation.failed',
      '',
      'name at least one field to change',
    ]);
    expect(await refusal({ preferredChannel: 'phone', nickname: 'Karla' })).toEqual([
      400,
      'validation.failed',
      '',
      'Unrecognized key: "nickname"',
    ]);
    expect(await storedPreference(contactId)).toBeNull();
    const missing = await prefer(agent, randomUUID(), { preferredChannel: 'phone' });
    expect([missing.status, missing.body.code]).toEqual([404, 'contact.not_found']);
  });

  it('is set by staff who see one of the contact’s conversations, shown with the contact, and cleared with null', async () => {
    const { contactId, conversationId } = await newCustomer();

    const refused = await prefer(outsider, contactId, { preferredChannel: 'phone' });
    expect(refused.status).toBe(403);
    expect(await storedPreference(contactId)).toBeNull();

    const set = await prefer(agent, contactId, { preferredChannel: 'phone' });
    expect(set.status).toBe(200);
    expect(set.body as ContactDto).toMatchObject({
      id: contactId,
      preferredChannel: 'phone',
      phone: '+4915112345678',
      conversations: [{ id: conversationId }],
    });
    expect((await agent.get(`/api/contacts/${contactId}`)).body.preferredChannel).toBe('phone');
    const conversation = (await agent.get(`/api/conversations/${conversationId}`))
      .body as ConversationDto;
    expect(conversation.contactDetails.preferredChannel).toBe('phone');
    expect(conversation.contact.preferredChannel).toBe('phone');

    const cleared = await prefer(supervisor, contactId, { preferredChannel: null });
    expect([cleared.status, cleared.body.preferredChannel]).toEqual([200, null]);
    expect(await storedPreference(contactId)).toBeNull();
  });

  it('puts the reply channels of the preferred kind first, one of them preselected, and a reply goes there', async () => {
    const { contactId, conversationId, email } = await newCustomer();
    // Without a preference: the channel the customer wrote on, then the rest by name.
    expect(await options(conversationId)).toEqual([
      ['Shop app', true],
      ['Billing mail', false],
      ['Support mail', false],
    ]);

    expect((await prefer(agent, contactId, { preferredChannel: 'email' })).status).toBe(200);
    expect(await options(conversationId)).toEqual([
      ['Billing mail', true],
      ['Support mail', false],
      ['Shop app', false],
    ]);

    // A reply without a picked channel goes where the composer preselects.
    const res = await agent
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'reply', body: 'Gern per E-Mail.', clientMessageId: randomUUID() });
    expect(res.status).toBe(201);
    expect((res.body as MessageDto).channel?.id).toBe(billingMail.id);
    const [mail] = await sink.waitFor(1);
    expect(mail.envelope.to).toEqual([email]);
    expect(mail.envelope.from).toBe('billing@shop.example.test');

    // Calls are no reply channel: the customer's latest channel is preselected again.
    expect((await prefer(agent, contactId, { preferredChannel: 'phone' })).status).toBe(200);
    expect(await options(conversationId)).toEqual([
      ['Shop app', true],
      ['Billing mail', false],
      ['Support mail', false],
    ]);
    // A preferred kind nothing can reach them on changes nothing either.
    expect((await prefer(agent, contactId, { preferredChannel: 'telegram' })).status).toBe(200);
    expect((await options(conversationId))[0]).toEqual(['Shop app', true]);
  });

  it('reaches colleagues with the conversation open, live', async () => {
    const { contactId, conversationId } = await newCustomer();
    const socket = await readyStaff(t.url, agentToken);
    try {
      const updated = once<ConversationUpdatedPayload>(
        socket,
        'conversation.updated',
        (p) =>
          p.conversationId === conversationId &&
          p.conversation.contact.preferredChannel === 'phone',
      );
      expect((await prefer(supervisor, contactId, { preferredChannel: 'phone' })).status).toBe(200);
      expect((await updated).conversation.contact).toMatchObject({
        id: contactId,
        preferredChannel: 'phone',
      });
    } finally {
      socket.disconnect();
    }
  });
});
