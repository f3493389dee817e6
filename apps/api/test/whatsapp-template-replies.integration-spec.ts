import { randomUUID } from 'node:crypto';
import type { MessageDto } from '@touchpoint/shared';
import request from 'supertest';
import { signMetaBody } from '../src/modules/channels/adapters/meta/meta-signature';
import type { Channel } from '../src/modules/channels/channel.entity';
import { CallbackServer } from './helpers/callback-server';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForContactOf } from './helpers/conversations';
import { FakeMeta } from './helpers/fake-meta';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

const APP_SECRET = 'meta-app-secret-0123456789';
const API_SECRET = 'api-channel-secret-0123456789';
const ORDER_UPDATE = {
  name: 'order_update',
  language: 'de',
  body: 'Hallo {{1}}, Ihre Bestellung {{2}} ist unterwegs.',
};
const ORDER_UPDATE_EN = {
  name: 'order_update',
  language: 'en',
  body: 'Hello {{1}}, your order {{2}} is on its way.',
};
const FOLLOW_UP = { name: 'follow_up', language: 'de', body: 'Können wir noch etwas tun?' };

let serial = 0;

/** A WhatsApp customer: their WhatsApp id is their number without the plus. */
function waCustomer() {
  const waId = `49152${String(10_000_000 + Math.floor(Math.random() * 89_999_999))}`;
  return { waId, e164: `+${waId}` };
}
type WaCustomer = ReturnType<typeof waCustomer>;

describe('replies as approved WhatsApp templates', () => {
  let t: TestApp;
  let meta: FakeMeta;
  let callback: CallbackServer;
  let agent: ReturnType<typeof as>;
  let whatsapp: Channel;
  let bareWhatsapp: Channel;
  let apiChannel: Channel;
  let wa: { phoneNumberId: string; token: string };

  beforeAll(async () => {
    meta = await new FakeMeta().start();
    callback = await new CallbackServer().start();
    t = await startTestApp({ PUBLIC_URL: 'https://inbox.example.test' });
    const teamId = (await makeTeam(t.db, 'Service')).id;
    agent = as(t.url, (await login(t.url, await makeUser(t.db, { teams: [teamId] }))).accessToken);
    wa = meta.addWhatsappNumber();
    meta.approveTemplate(ORDER_UPDATE.name, ORDER_UPDATE.language, 2);
    meta.approveTemplate(FOLLOW_UP.name, FOLLOW_UP.language, 0);
    const waConfig = {
      phoneNumberId: wa.phoneNumberId,
      accessToken: wa.token,
      appSecret: APP_SECRET,
      verifyToken: 'verify-token-0123456789',
      apiBaseUrl: meta.url,
    };
    whatsapp = await makeChannel(t.db, 'whatsapp', teamId, {
      ...waConfig,
      templates: [ORDER_UPDATE, ORDER_UPDATE_EN, FOLLOW_UP],
    });
    // A second number without templates: it reaches the same customers.
    bareWhatsapp = await makeChannel(t.db, 'whatsapp', teamId, waConfig, 'WhatsApp Sales');
    apiChannel = await makeChannel(
      t.db,
      'api',
      teamId,
      { secret: API_SECRET, callbackUrl: callback.url },
      'Shop app',
    );
  });
  afterAll(async () => {
    await t?.close();
    await meta?.stop();
    await callback?.stop();
  });

  /** The customer wrote on the WhatsApp number; answers their conversation. */
  const waConversation = async (from: WaCustomer) => {
    const raw = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: {
                  display_phone_number: '15550783881',
                  phone_number_id: wa.phoneNumberId,
                },
                contacts: [{ profile: { name: 'Jürgen Müller' }, wa_id: from.waId }],
                messages: [
                  {
                    from: from.waId,
                    id: `wamid.HBgL${Date.now().toString(36)}${(++serial).toString(36)}`,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    type: 'text',
                    text: { body: 'Wo ist meine Bestellung?' },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    const res = await request(t.url)
      .post(`/webhooks/meta/${whatsapp.id}`)
      .set('Content-Type', 'application/json')
      .set('X-Hub-Signature-256', signMetaBody(raw, APP_SECRET))
      .send(raw);
    expect(res.status).toBe(200);
    return conversationOfContact(await waitForContactOf(t.db, 'whatsapp', from.e164));
  };

  const conversationOfContact = async (contactId: string) => {
    const [row] = await waitFor('the conversation', async () => {
      const rows: { id: string }[] = await t.db.query(
        'SELECT id FROM conversations WHERE contact_id = $1',
        [contactId],
      );
      return rows.length ? rows : null;
    });
    return row.id;
  };

  /** The customer last wrote 25 hours ago: the window is closed. */
  const closeWindow = (conversationId: string) =>
    t.db.query(
      `UPDATE messages SET created_at = now() - interval '25 hours'
        WHERE conversation_id = $1 AND type = 'inbound'`,
      [conversationId],
    );

  const send = (conversationId: string, body: Record<string, unknown>) =>
    agent
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'reply', clientMessageId: randomUUID(), ...body });

  const outboundOf = async (conversationId: string) =>
    (
      (await t.db.query(
        `SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND type = 'outbound'`,
        [conversationId],
      )) as { n: number }[]
    )[0].n;

  const templateCallsTo = (from: WaCustomer) =>
    meta.callsOf('whatsapp.messages').filter((c) => c.json.to === from.waId);

  const sentAs = (messageId: string) =>
    waitFor(
      `reply ${messageId} sent`,
      async () => {
        const [row]: {
          status: string;
          error: string | null;
          text: string;
          metadata: Record<string, unknown>;
        }[] = await t.db.query(
          `SELECT delivery_status AS status, delivery_error AS error, text, metadata
             FROM messages WHERE id = $1`,
          [messageId],
        );
        if (row.status === 'failed') throw new Error(`reply failed: ${row.error}`);
        return row.status === 'sent' && row;
      },
      20_000,
    );

  it('sends a template as a template message with its values, stored with the text filled in', async () => {
    const from = waCustomer();
    const conversationId = await waConversation(from);

    const res = await send(conversationId, {
      channelId: whatsapp.id,
      template: { name: 'order_update', language: 'de', variables: [' Jürgen ', 'A-1001'] },
    });
    expect({ status: res.status, message: res.body.message }).toEqual({
      status: 201,
      message: undefined,
    });
    const message = res.body as MessageDto;
    expect(message).toMatchObject({
      type: 'outbound',
      channel: { id: whatsapp.id, kind: 'whatsapp' },
      text: 'Hallo Jürgen, Ihre Bestellung A-1001 ist unterwegs.',
      deliveryStatus: 'queued',
    });

    const stored = await sentAs(message.id);
    expect(stored.text).toBe('Hallo Jürgen, Ihre Bestellung A-1001 ist unterwegs.');
    expect(stored.metadata).toMatchObject({
      address: from.e164,
      templateName: 'order_update',
      templateLanguage: 'de',
      templateVariables: ['Jürgen', 'A-1001'],
    });
    const calls = templateCallsTo(from);
    expect(calls).toHaveLength(1);
    expect([calls[0].token, calls[0].json]).toEqual([
      wa.token,
      {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: from.waId,
        type: 'template',
        template: {
          name: 'order_update',
          language: { code: 'de' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'Jürgen' },
                { type: 'text', text: 'A-1001' },
              ],
            },
          ],
        },
      },
    ]);
  });

  it('outside the 24-hour window refuses free text with 422 but sends a template, once per clientMessageId', async () => {
    const from = waCustomer();
    const conversationId = await waConversation(from);
    await closeWindow(conversationId);

    const free = await send(conversationId, { body: 'Noch Fragen?' });
    expect([free.status, free.body.code, free.body.message]).toEqual([
      422,
      'messages.reply_window_closed',
      'The customer last wrote on WhatsApp more than 24 hours ago: outside the 24-hour window, send a template',
    ]);
    expect(await outboundOf(conversationId)).toBe(0);

    // A body sent along is not what goes out: the customer gets the template.
    const clientMessageId = randomUUID();
    const template = { name: 'follow_up', language: 'de', variables: [] };
    const first = await send(conversationId, { clientMessageId, body: 'ignored', template });
    expect([first.status, first.body.text]).toEqual([201, 'Können wir noch etwas tun?']);
    const again = await send(conversationId, { clientMessageId, template });
    expect([again.status, again.body.id]).toEqual([200, first.body.id]);

    await sentAs(first.body.id as string);
    expect(templateCallsTo(from).map((c) => c.json.template)).toEqual([
      { name: 'follow_up', language: { code: 'de' }, components: [] },
    ]);
    expect(await outboundOf(conversationId)).toBe(1);
  });

  it('refuses a template the channel lacks or values that do not fit, naming the field, and stores nothing', async () => {
    const from = waCustomer();
    const conversationId = await waConversation(from);
    const refusal = async (body: Record<string, unknown>) => {
      const res = await send(conversationId, body);
      return [res.status, res.body.code, res.body.message];
    };

    expect(await refusal({ template: { name: 'welcome', language: 'de', variables: [] } })).toEqual(
      [
        422,
        'messages.template_unknown',
        `template.name welcome is not among the approved templates of ${whatsapp.name}`,
      ],
    );
    expect(
      await refusal({ template: { name: 'order_update', language: 'fr', variables: ['a', 'b'] } }),
    ).toEqual([
      422,
      'messages.template_unknown',
      'template.language fr is not a language of the template order_update (approved: de, en)',
    ]);
    expect(
      await refusal({ template: { name: 'order_update', language: 'de', variables: ['Jürgen'] } }),
    ).toEqual([
      422,
      'messages.template_variables',
      'template.variables must have 2 values for the template order_update, 1 given',
    ]);
    expect(
      await refusal({ template: { name: 'order_update', language: 'de', variables: ['a', ' '] } }),
    ).toEqual([400, 'validation.failed', 'template.variables.1 must be filled in']);
    expect(
      await refusal({
        template: { name: 'order_update', language: 'de', variables: ['a', 'Zeile 1\nZeile 2'] },
      }),
    ).toEqual([
      400,
      'validation.failed',
      'template.variables.1 may not contain line breaks, tabs or more than four spaces in a row',
    ]);
    expect(await refusal({ template: { name: 'Order Update', language: 'de' } })).toEqual([
      400,
      'validation.failed',
      'template.name may only contain a-z, 0-9 and _ (as WhatsApp names it)',
    ]);
    expect(
      await refusal({ type: 'note', template: { name: 'follow_up', language: 'de' } }),
    ).toEqual([400, 'validation.failed', 'template can only be sent as a reply']);
    expect(await refusal({})).toEqual([400, 'validation.failed', 'body is required']);

    expect(await outboundOf(conversationId)).toBe(0);
    expect(templateCallsTo(from)).toHaveLength(0);
  });

  it('a template through a channel without templates is refused in words', async () => {
    const from = waCustomer();
    const waConversationId = await waConversation(from);
    const onBareNumber = await send(waConversationId, {
      channelId: bareWhatsapp.id,
      template: { name: 'follow_up', language: 'de' },
    });
    expect([onBareNumber.status, onBareNumber.body.code, onBareNumber.body.message]).toEqual([
      422,
      'messages.template_unknown',
      'template.name cannot be found: WhatsApp Sales has no approved templates yet (an admin adds them in the channel settings)',
    ]);

    const identifier = `shop-${randomUUID()}`;
    const posted = await postApiMessage(t.url, apiChannel, {
      id: `m-${randomUUID()}`,
      contact: { identifier, name: 'Karl Kunde' },
      text: 'Wo bleibt meine Bestellung?',
    });
    expect(posted.status).toBe(202);
    const apiConversationId = await conversationOfContact(
      await waitForContactOf(t.db, 'api', identifier),
    );
    const onApi = await send(apiConversationId, {
      template: { name: 'follow_up', language: 'de' },
    });
    expect([onApi.status, onApi.body.code, onApi.body.message]).toEqual([
      422,
      'messages.templates_unsupported',
      'template cannot be sent through Shop app: api channels send no templates, write the reply as text',
    ]);
    expect(await outboundOf(apiConversationId)).toBe(0);
    expect(await outboundOf(waConversationId)).toBe(0);
    expect(callback.calls).toHaveLength(0);
  });
});
