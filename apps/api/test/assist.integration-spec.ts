import { randomUUID } from 'node:crypto';
import type {
  AssistCallDto,
  AssistSettingsDto,
  AssistStatusDto,
  AssistTeamSuggestionDto,
} from '@touchpoint/shared';
import type { Channel } from '../src/modules/channels/channel.entity';
import { makeChannel, postApiMessage } from './helpers/channels';
import { waitForConversationOf } from './helpers/conversations';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser, type MadeUser } from './helpers/factories';
import { FakeModelServer } from './helpers/fake-model-server';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

type Api = ReturnType<typeof as>;

const API_KEY = 'sk-test-not-a-real-key-1234567890';
const NOTE = 'NOTE-ONLY-STAFF: Ersatz zugesagt, bitte Lager prüfen.';
const OTHER = 'OTHER-CUSTOMER: my invoice 99-123 is wrong.';

/** The text pieces and the end of an event stream as the browser reads it. */
function readEvents(raw: string): { text: string; done: boolean; error?: { message: string } } {
  let text = '';
  let done = false;
  let error: { message: string } | undefined;
  for (const block of raw.split('\n\n')) {
    const event = /^event: (.+)$/m.exec(block)?.[1];
    const data = /^data: (.+)$/m.exec(block)?.[1];
    if (!data) continue;
    if (event === 'done') done = true;
    else if (event === 'error') error = JSON.parse(data) as { message: string };
    else text += (JSON.parse(data) as { text: string }).text;
  }
  return { text, done, error };
}

/**
 * AI assistance against a local OpenAI-compatible model server: each feature sends only the
 * conversation at hand, streams, is audited, obeys the admin's switches and the access rule, and
 * turns the model server's failures into clear answers.
 */
describe('AI assistance', () => {
  let t: TestApp;
  let model: FakeModelServer;
  let channel: Channel;
  let salesId: string;
  let users: Record<'eva' | 'mallory' | 'admin', MadeUser>;
  let eva: Api;
  let mallory: Api;
  let admin: Api;
  let conversationId: string;
  let customerMessageId: string;

  const calls = async () => (await admin.get('/api/assist/calls')).body as AssistCallDto[];

  beforeAll(async () => {
    model = await new FakeModelServer().start();
    t = await startTestApp({
      AI_BASE_URL: model.baseUrl,
      AI_API_KEY: API_KEY,
      AI_MODEL: 'test-model',
      AI_TIMEOUT_MS: '3000',
    });
    const serviceId = (await makeTeam(t.db, 'Service')).id;
    const sales = await makeTeam(t.db, 'Sales');
    salesId = sales.id;
    await t.db.query('UPDATE teams SET description = $2 WHERE id = $1', [
      salesId,
      'Offers, prices and large orders',
    ]);
    channel = await makeChannel(t.db, 'api', serviceId, {
      secret: 'assist-secret-0123456789-abcdef',
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    users = {
      eva: await makeUser(t.db, { teams: [serviceId], name: 'Eva' }),
      mallory: await makeUser(t.db, { teams: [salesId], name: 'Mallory' }),
      admin: await makeUser(t.db, { role: 'admin', name: 'Ada' }),
    };
    await t.db.query(`UPDATE users SET locale = 'de' WHERE id = $1`, [users.eva.id]);
    [eva, mallory, admin] = await Promise.all(
      [users.eva, users.mallory, users.admin].map(async (u) =>
        as(t.url, (await login(t.url, u)).accessToken),
      ),
    );

    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    await postApiMessage(t.url, channel, {
      id: randomUUID(),
      contact: { email, name: 'Jan Kowalski' },
      text: 'Zamówienie 4711 przyszło uszkodzone. Proszę o wymianę.',
    });
    // Another customer's conversation, which must never reach the model with this one.
    await postApiMessage(t.url, channel, {
      id: randomUUID(),
      contact: { email: `other-${randomUUID().slice(0, 8)}@example.test` },
      text: OTHER,
    });
    await drainQueues(t);
    conversationId = await waitForConversationOf(t.db, email);
    expect((await eva.post(`/api/conversations/${conversationId}/claim`)).status).toBe(200);
    const note = await eva
      .post(`/api/conversations/${conversationId}/messages`)
      .send({ type: 'note', body: NOTE, clientMessageId: randomUUID() });
    expect(note.status).toBe(201);
    [{ id: customerMessageId }] = await t.db.query(
      `SELECT id FROM messages WHERE conversation_id = $1 AND type = 'inbound'`,
      [conversationId],
    );
  });
  afterAll(async () => {
    await t.close();
    await model.stop();
  });
  beforeEach(() => {
    model.answer = { pieces: ['Hello', ' from', ' the model.'] };
  });

  const assist = (api: Api, feature: string, body: object = {}) =>
    api.post(`/api/conversations/${conversationId}/assist/${feature}`).send(body);

  it('tells everyone which features are on', async () => {
    const status = (await eva.get('/api/assist/status')).body as AssistStatusDto;
    expect(status).toEqual({
      configured: true,
      features: {
        handoff_summary: true,
        summary: true,
        reply_draft: true,
        translate: true,
        team_suggestion: true,
      },
    });
  });

  it('streams a handoff summary of this conversation only, notes included, and audits it', async () => {
    model.answer = { pieces: ['Kunde will ', 'Ersatz für 4711.'] };
    const res = await assist(eva, 'handoff-summary');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(readEvents(res.text)).toEqual({ text: 'Kunde will Ersatz für 4711.', done: true });

    const sent = model.last;
    expect(sent?.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent?.body).toMatchObject({ model: 'test-model', stream: true });
    expect(model.lastText).toContain('Zamówienie 4711');
    expect(model.lastText).toContain(NOTE);
    expect(model.lastText).toContain('in German');
    expect(model.lastText).not.toContain('OTHER-CUSTOMER');

    const [call] = await calls();
    expect(call).toMatchObject({
      user: { id: users.eva.id, name: 'Eva' },
      conversationId,
      feature: 'handoff_summary',
      inputChars: model.last?.body.messages.reduce((n, m) => n + m.content.length, 0),
      outputChars: 'Kunde will Ersatz für 4711.'.length,
      outcome: 'completed',
    });
    // The audit holds sizes, never content.
    const columns: { column_name: string }[] = await t.db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'assist_calls'`,
    );
    expect(columns.map((c) => c.column_name).sort()).toEqual(
      [
        'conversation_id',
        'created_at',
        'duration_ms',
        'feature',
        'id',
        'input_chars',
        'outcome',
        'output_chars',
        'user_id',
      ].sort(),
    );
  });

  it('sums up the conversation for whoever joins', async () => {
    const res = await assist(eva, 'summary');
    expect(readEvents(res.text)).toEqual({ text: 'Hello from the model.', done: true });
    expect(model.lastText).toContain(NOTE);
    expect(model.lastText).not.toContain('OTHER-CUSTOMER');
    expect((await calls())[0]).toMatchObject({ feature: 'summary', outcome: 'completed' });
  });

  it('drafts a reply in the customer’s language within the channel’s limit, without internal notes', async () => {
    await t.db.query(
      `UPDATE contacts SET language = 'pl' WHERE id = (SELECT contact_id FROM conversations WHERE id = $1)`,
      [conversationId],
    );
    model.answer = { pieces: ['Dzień dobry, ', 'x'.repeat(2500)] };
    const res = await assist(eva, 'reply-draft', { hint: 'Ersatz kommt Montag' });
    const { text, done } = readEvents(res.text);
    expect(done).toBe(true);
    // An API channel's reply is cut at 2000 characters.
    expect(text).toHaveLength(2000);
    expect(text.startsWith('Dzień dobry, ')).toBe(true);
    expect(model.lastText).toContain('in Polish');
    expect(model.lastText).toContain('Ersatz kommt Montag');
    expect(model.lastText).toContain('Zamówienie 4711');
    expect(model.lastText).not.toContain('NOTE-ONLY-STAFF');
    expect(model.lastText).not.toContain('OTHER-CUSTOMER');
    // Never sent by itself: the conversation holds no new reply.
    const replies: unknown[] = await t.db.query(
      `SELECT 1 FROM messages WHERE conversation_id = $1 AND type = 'outbound'`,
      [conversationId],
    );
    expect(replies).toHaveLength(0);
    expect((await calls())[0]).toMatchObject({ feature: 'reply_draft', outputChars: 2000 });
  });

  it('translates a message into the agent’s language and a draft into the customer’s', async () => {
    model.answer = { pieces: ['Bestellung 4711 kam beschädigt an.'] };
    const message = await assist(eva, 'translate', { messageId: customerMessageId });
    expect(readEvents(message.text).text).toBe('Bestellung 4711 kam beschädigt an.');
    expect(model.lastText).toContain('into German');
    expect(model.lastText).toContain('Zamówienie 4711');
    expect(model.lastText).not.toContain('NOTE-ONLY-STAFF');

    model.answer = { pieces: ['Wymiana w poniedziałek.'] };
    const draft = await assist(eva, 'translate', { text: 'Ersatz kommt am Montag.' });
    expect(readEvents(draft.text).text).toBe('Wymiana w poniedziałek.');
    expect(model.lastText).toContain('into Polish');
    expect(model.lastText).toContain('Ersatz kommt am Montag.');

    const bad = await assist(eva, 'translate', {});
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('messageId');
    const foreign = await assist(eva, 'translate', { messageId: randomUUID() });
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toMatch(/^messageId: /);
  });

  it('suggests another team of the workspace with a reason', async () => {
    model.answer = { pieces: ['{"team": "Sales", ', '"reason": "Großbestellung."}'] };
    const res = await assist(eva, 'team-suggestion');
    expect(res.status).toBe(200);
    expect(res.body as AssistTeamSuggestionDto).toEqual({
      team: { id: salesId, name: 'Sales' },
      reason: 'Großbestellung.',
    });
    expect(model.lastText).toContain('- Sales: Offers, prices and large orders');
    // The conversation's own team is no suggestion.
    expect(model.lastText).not.toContain('- Service');

    model.answer = { pieces: ['{"team": "Marketing", "reason": "?"}'] };
    const unknown = await assist(eva, 'team-suggestion');
    expect(unknown.status).toBe(502);
    expect(unknown.body.message).toMatch(/named no team/);
  });

  it('refuses strangers before anything reaches the model', async () => {
    const before = model.requests.length;
    for (const feature of ['handoff-summary', 'summary', 'reply-draft', 'team-suggestion']) {
      const res = await assist(mallory, feature);
      expect(res.status).toBe(403);
    }
    expect((await assist(mallory, 'translate', { messageId: customerMessageId })).status).toBe(403);
    expect(model.requests).toHaveLength(before);
  });

  it('obeys the admin’s switch per feature', async () => {
    expect(
      (await eva.patch('/api/assist/settings').send({ switches: { reply_draft: false } })).status,
    ).toBe(403);
    const wrong = await admin.patch('/api/assist/settings').send({ switches: { drafts: false } });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('drafts');

    const off = await admin
      .patch('/api/assist/settings')
      .send({ switches: { reply_draft: false } });
    expect(off.status).toBe(200);
    expect((off.body as AssistSettingsDto).switches.reply_draft).toBe(false);
    expect((off.body as AssistSettingsDto).model).toBe('test-model');
    const status = (await eva.get('/api/assist/status')).body as AssistStatusDto;
    expect(status.features).toMatchObject({ reply_draft: false, summary: true });

    const before = model.requests.length;
    const refused = await assist(eva, 'reply-draft');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      'Drafting replies is switched off (Settings > AI assistance)',
    );
    expect(model.requests).toHaveLength(before);

    await admin.patch('/api/assist/settings').send({ switches: { reply_draft: true } });
    expect((await assist(eva, 'reply-draft')).status).toBe(200);
  });

  it('shows the audit to admins only', async () => {
    expect((await eva.get('/api/assist/calls')).status).toBe(403);
    expect((await eva.get('/api/assist/settings')).status).toBe(403);
    expect((await admin.get('/api/assist/calls?limit=0')).status).toBe(400);
  });

  it('turns the model server’s failures into clear answers, without its secrets', async () => {
    model.next.push({ status: 500 });
    const failed = await assist(eva, 'summary');
    expect(failed.status).toBe(502);
    expect(failed.body).toMatchObject({
      statusCode: 502,
      error: 'Bad Gateway',
      message: 'The AI provider failed (HTTP 500): try again later',
    });

    model.next.push({ status: 401 });
    const refused = await assist(eva, 'summary');
    expect(refused.status).toBe(502);
    expect(refused.body.message).toBe(
      'The AI provider refused the API key (HTTP 401): check AI_API_KEY',
    );
    expect(JSON.stringify(refused.body)).not.toContain('sk-');

    model.next.push({ slow: true });
    const slow = await assist(eva, 'summary');
    expect(slow.status).toBe(504);
    expect(slow.body).toMatchObject({ error: 'Gateway Timeout' });
    expect(slow.body.message).toMatch(/did not answer within 3 s/);

    const outcomes = (await calls()).slice(0, 3).map((c) => [c.feature, c.outcome]);
    expect(outcomes).toEqual([
      ['summary', 'timeout'],
      ['summary', 'provider_error'],
      ['summary', 'provider_error'],
    ]);
  });

  it('ends the stream with an error when the model stalls midway', async () => {
    model.next.push({ hang: ['Hal', 'lo'] });
    const res = await assist(eva, 'summary');
    expect(res.status).toBe(200);
    const { text, done, error } = readEvents(res.text);
    expect(text).toBe('Hallo');
    expect(done).toBe(false);
    expect(error?.message).toMatch(/did not answer within/);
    expect((await calls())[0]).toMatchObject({ outcome: 'timeout', outputChars: 5 });
  });

  it('stops the model when the agent presses Stop', async () => {
    model.next.push({ hang: ['Erster Teil'] });
    const abandonedBefore = model.abandoned;
    const stop = new AbortController();
    const res = await fetch(`${t.url}/api/conversations/${conversationId}/assist/summary`, {
      method: 'POST',
      headers: { authorization: `Bearer ${(await login(t.url, users.eva)).accessToken}` },
      signal: stop.signal,
    });
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('Erster Teil');
    stop.abort();
    await waitFor('the model server to be left', async () => model.abandoned > abandonedBefore);
    await waitFor('the cancelled call in the audit', async () => {
      const [call] = await calls();
      return call?.outcome === 'cancelled' && call.outputChars === 'Erster Teil'.length;
    });
  });
});

describe('AI assistance without a model server', () => {
  let t: TestApp;
  let eva: Api;
  let conversationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const serviceId = (await makeTeam(t.db, 'Service')).id;
    const channel = await makeChannel(t.db, 'api', serviceId, {
      secret: 'assist-off-secret-0123456789-ab',
      callbackUrl: 'http://127.0.0.1:9/none',
    });
    const user = await makeUser(t.db, { teams: [serviceId] });
    eva = as(t.url, (await login(t.url, user)).accessToken);
    const email = `kunde-${randomUUID().slice(0, 8)}@example.test`;
    await postApiMessage(t.url, channel, { id: randomUUID(), contact: { email }, text: 'Hallo' });
    await drainQueues(t);
    conversationId = await waitForConversationOf(t.db, email);
  });
  afterAll(() => t.close());

  it('is off, says how to switch it on, and refuses calls', async () => {
    const status = (await eva.get('/api/assist/status')).body as AssistStatusDto;
    expect(status.configured).toBe(false);
    expect(Object.values(status.features)).toEqual([false, false, false, false, false]);
    const res = await eva.post(`/api/conversations/${conversationId}/assist/summary`).send({});
    expect(res.status).toBe(409);
    expect(res.body.message).toBe('AI assistance is off: set AI_BASE_URL, AI_API_KEY and AI_MODEL');
  });
});
