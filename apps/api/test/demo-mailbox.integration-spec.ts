import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { MessageDto, ReplyChannelOptionDto, TimelineDto } from '@touchpoint/shared';
import request from 'supertest';
import { DEMO_PASSWORD } from '../src/database/seeds/demo-workspace';
import { DemoMailCatcher } from '../src/modules/demo/demo-mail-catcher.server';
import { as, login } from './helpers/http';
import { startTestApp, type TestApp } from './helpers/test-app';
import { createFileDatabase } from './helpers/test-database';
import { waitFor } from './helpers/wait';

/** A port nobody listens on right now, for the demo's relay. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A fresh demo answers by email without a mail catcher installed: Touchpoint catches the demo's
 * outgoing mail itself, shows it on /demo as the customer's mailbox, and the customer's answer
 * from there comes back into the same conversation.
 */
describe("demo customers' mailbox", () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    t = await startTestApp(
      { SEED_DEMO: 'true', DEMO_MAILBOX: 'true', DEMO_MAIL_RELAY: `127.0.0.1:${port}` },
      await createFileDatabase({ empty: true }),
    );
  }, 60_000);
  afterAll(() => t?.close());

  it('delivers a reply by email into the mailbox, and the customer’s answer into the same thread', async () => {
    expect(t.app.get(DemoMailCatcher).port).toBe(port);
    const jonas = await waitFor('the sample email conversation', async () => {
      const [row]: { id: string }[] = await t.db.query(
        `SELECT c.id FROM conversations c JOIN contacts k ON k.id = c.contact_id
          WHERE k.name = 'Jonas Becker' AND c.status <> 'resolved'`,
      );
      return row?.id;
    });
    const anna = as(
      t.url,
      (await login(t.url, { email: 'anna@example.com', password: DEMO_PASSWORD })).accessToken,
    );
    expect((await anna.post(`/api/conversations/${jonas}/claim`)).status).toBe(200);
    const options = (await anna.get(`/api/conversations/${jonas}/reply-channels`))
      .body as ReplyChannelOptionDto[];
    const email = options.find((o) => o.isDefault);
    const sent = await anna.post(`/api/conversations/${jonas}/messages`).send({
      type: 'reply',
      body: 'Die korrigierte Rechnung ist unterwegs.',
      channelId: email?.channel.id,
      clientMessageId: randomUUID(),
    });
    expect(sent.status).toBe(201);
    const reply = sent.body as MessageDto;

    // Delivered (not failed after the relay's timeout), and caught once.
    await waitFor('the reply delivered', async () => {
      const [m]: { delivery_status: string }[] = await t.db.query(
        'SELECT delivery_status FROM messages WHERE id = $1',
        [reply.id],
      );
      return m?.delivery_status === 'sent';
    });
    const mails: { id: string; recipients: string[]; body: string }[] = await t.db.query(
      'SELECT id, recipients, body FROM demo_mails',
    );
    expect(mails).toHaveLength(1);
    expect(mails[0].recipients).toEqual(['jonas.becker@example.net']);
    expect(mails[0].body).toContain('Die korrigierte Rechnung ist unterwegs.');

    const page = await request(t.url).get('/demo');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Die korrigierte Rechnung ist unterwegs.');
    expect(page.text).toContain(`action="/demo/mailbox/${mails[0].id}/answer"`);

    // Bad input is named; nothing is taken in.
    const empty = await request(t.url)
      .post(`/demo/mailbox/${mails[0].id}/answer`)
      .type('form')
      .send({ text: '  ', replyKey: randomUUID() });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('text');

    // The customer answers; the form sent twice is one answer.
    const replyKey = randomUUID();
    for (let i = 0; i < 2; i += 1) {
      const answered = await request(t.url)
        .post(`/demo/mailbox/${mails[0].id}/answer`)
        .type('form')
        .send({ text: 'Danke, passt so!', replyKey });
      expect(answered.status).toBe(303);
      expect(answered.headers.location).toBe('/demo#mailbox');
    }
    const answers = await waitFor('the answer in the thread', async () => {
      const timeline = (await anna.get(`/api/conversations/${jonas}/timeline`)).body as TimelineDto;
      const found = timeline.entries.filter(
        (e) => e.type === 'message' && e.message.text === 'Danke, passt so!',
      );
      return found.length ? found : null;
    });
    expect(answers).toHaveLength(1);
    const [{ count }]: { count: number }[] = await t.db.query(
      `SELECT count(*)::int AS count FROM messages m JOIN conversations c ON c.id = m.conversation_id
         JOIN contacts k ON k.id = c.contact_id WHERE m.text = 'Danke, passt so!'`,
    );
    expect(count).toBe(1);
    expect((await request(t.url).get('/demo')).text).toContain('Beantwortet');
  });
});
