import { randomUUID } from 'node:crypto';
import type { MessageDto } from '@touchpoint/shared';
import type { Socket } from 'socket.io-client';
import { QUEUE_ATTEMPTS } from '../src/core/queue/queue.constants';
import { makeChannel } from './helpers/channels';
import { drainQueues } from './helpers/drain-queues';
import { makeTeam, makeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { mailToIntake } from './helpers/smtp-intake';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink';
import { readyStaff } from './helpers/sockets';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

describe('outbound email while the relay is down', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let socket: Socket;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    socket?.disconnect();
    await t.close();
    await sink?.close();
  });

  it('retries, reports failed live, and after recovery a manual retry sends exactly once', async () => {
    // A relay address where nothing listens: every attempt is refused.
    const gone = await startSmtpSink();
    const deadPort = gone.port;
    await gone.close();

    const team = await makeTeam(t.db);
    const channel = await makeChannel(t.db, 'email', team.id, {
      address: 'support@outage.test',
      smtp: { host: '127.0.0.1', port: deadPort, secure: false },
    });
    const anna = await makeUser(t.db, { teams: [team.id] });
    const token = (await login(t.url, anna)).accessToken;
    const api = as(t.url, token);
    socket = await readyStaff(t.url, token);
    const updates: MessageDto[] = [];
    socket.on('message.updated', (p: { message: MessageDto }) => updates.push(p.message));

    await mailToIntake(t.app, {
      from: 'kunde@example.test',
      to: 'support@outage.test',
      subject: 'Hilfe',
      text: 'Bitte melden.',
    });
    const [{ id }] = await waitFor('conversation', async () => {
      const rows: { id: string }[] = await t.db.query('SELECT id FROM conversations');
      return rows.length ? rows : null;
    });

    const reply = await api
      .post(`/api/conversations/${id}/messages`)
      .send({ type: 'reply', body: 'Wir melden uns.', clientMessageId: randomUUID() });
    expect(reply.status).toBe(201);
    const failed = await waitFor(
      'failed live',
      async () => updates.find((u) => u.id === reply.body.id && u.deliveryStatus === 'failed'),
      20_000,
    );
    expect(failed.deliveryError).toMatch(/ECONNREFUSED|connect/i);
    const [{ attempts }] = await t.db.query(
      'SELECT delivery_attempts AS attempts FROM messages WHERE id = $1',
      [reply.body.id],
    );
    expect(attempts).toBe(QUEUE_ATTEMPTS.outbound);

    // The relay is back (new address in the channel settings).
    sink = await startSmtpSink();
    await t.db.query(
      `UPDATE channels SET config = jsonb_set(config, '{smtp,port}', to_jsonb($2::int)) WHERE id = $1`,
      [channel.id, sink.port],
    );
    expect((await api.post(`/api/messages/${reply.body.id}/retry`)).status).toBe(201);
    await waitFor('sent live', async () =>
      updates.find((u) => u.id === reply.body.id && u.deliveryStatus === 'sent'),
    );
    const [mail] = await sink.waitFor(1);
    expect(mail.parsed.text?.trim()).toBe('Wir melden uns.');
    await drainQueues(t);
    expect(sink.messages).toHaveLength(1);
  });
});
