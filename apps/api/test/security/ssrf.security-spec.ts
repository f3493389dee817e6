import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, createServer as createTcpServer, Socket, type AddressInfo } from 'node:net';
import { OutboundClient } from '../../src/core/net/outbound.client';
import { EmailSender } from '../../src/modules/channels/adapters/email/email-sender.service';
import { MailboxClient } from '../../src/modules/channels/adapters/email/mailbox.client';
import { PermanentDeliveryError } from '../../src/modules/channels/channel-adapter';
import { Channel } from '../../src/modules/channels/channel.entity';
import { CallbackServer } from '../helpers/callback-server';
import { makeChannel, postApiMessage } from '../helpers/channels';
import { waitForConversationOf } from '../helpers/conversations';
import { makeTeam, makeUser } from '../helpers/factories';
import { as, login } from '../helpers/http';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { waitFor } from '../helpers/wait';

const SECRET = 'ssrf-channel-secret-0123456789';

/** A loopback HTTP listener that counts every request it gets. */
interface Listener {
  server: Server;
  port: number;
  url: string;
  hits: string[];
}

async function listen(
  answer: (path: string) => { status: number; headers?: object; body?: string },
) {
  const hits: string[] = [];
  const server = createHttpServer((req, res) => {
    hits.push(req.url ?? '');
    const a = answer(req.url ?? '');
    res.writeHead(a.status, { 'content-type': 'text/plain', ...a.headers });
    res.end(a.body ?? '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { server, port, url: `http://127.0.0.1:${port}`, hits } satisfies Listener;
}

/** A loopback TCP listener (an SMTP or IMAP server's place) that counts connections. */
async function tcpCounter() {
  const counter = { connections: 0, port: 0, close: async () => undefined as void };
  const server = createTcpServer((socket) => {
    counter.connections++;
    socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  counter.port = (server.address() as AddressInfo).port;
  counter.close = () => new Promise<void>((r) => server.close(() => r()));
  return counter;
}

/** Every TCP connect this process attempts while `run` runs (host:port), to show none was made. */
async function connectsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const spy = jest.spyOn(Socket.prototype, 'connect');
  let calls: unknown[][];
  try {
    await run();
  } finally {
    calls = [...spy.mock.calls];
    spy.mockRestore();
  }
  return calls.map(([first, second]) => {
    const target = (Array.isArray(first) ? first[0] : first) as { host?: string; port?: number };
    return typeof target === 'object' && target
      ? `${target.host}:${target.port}`
      : `${String(second)}:${String(first)}`;
  });
}

const REFUSED_HOSTS: [string, RegExp][] = [
  ['10.0.0.1', /private address \(10\.0\.0\.1\)/],
  ['169.254.169.254', /link-local \(cloud metadata\) address \(169\.254\.169\.254\)/],
  ['[::1]', /loopback address \(::1\)/],
  ['0.0.0.0', /unspecified address \(0\.0\.0\.0\)/],
  ['2130706433', /loopback address \(127\.0\.0\.1\)/],
  ['127.1', /loopback address \(127\.0\.0\.1\)/],
  ['100.64.0.1', /carrier-grade NAT\) address \(100\.64\.0\.1\)/],
  ['[fd00::1]', /unique-local address \(fd00::1\)/],
  ['224.0.0.1', /multicast address \(224\.0\.0\.1\)/],
  ['[::ffff:127.0.0.1]', /loopback address in IPv6 form/],
  ['localhost', /loopback address/],
];

describe('SSRF', () => {
  let t: TestApp;
  let internal: Listener;
  let allowed: Listener;
  let callback: CallbackServer;
  let teamId: string;
  let admin: ReturnType<typeof as>;

  beforeAll(async () => {
    internal = await listen(() => ({ status: 200, body: 'INTERNAL SECRET' }));
    allowed = await listen((path) =>
      path === '/redirect'
        ? { status: 302, headers: { location: `${internal.url}/secret` } }
        : { status: 200, body: 'public file' },
    );
    callback = await new CallbackServer().start();
    t = await startTestApp({ OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${allowed.port}` });
    teamId = (await makeTeam(t.db)).id;
    admin = as(t.url, (await login(t.url, await makeUser(t.db, { role: 'admin' }))).accessToken);
  });

  beforeEach(() => {
    internal.hits.length = 0;
    allowed.hits.length = 0;
  });

  afterAll(async () => {
    await t?.close();
    await callback?.stop();
    for (const l of [internal, allowed]) await new Promise((r) => l?.server.close(r));
  });

  async function storedMessage(providerMessageId: string) {
    return waitFor('the stored message', async () => {
      const rows: { files: number; metadata: { droppedAttachments?: string[] } }[] =
        await t.db.query(
          `SELECT m.metadata, (SELECT count(*)::int FROM attachments a WHERE a.message_id = m.id) AS files
             FROM messages m WHERE m.provider_message_id = $1`,
          [providerMessageId],
        );
      return rows[0];
    });
  }

  it('an attachment URL aimed at a loopback listener is not fetched, and the message is stored without it', async () => {
    const channel = await makeChannel(t.db, 'api', teamId, { secret: SECRET });
    const id = `ssrf-${randomUUID()}`;
    const res = await postApiMessage(t.url, channel, {
      id,
      contact: { email: `a-${id}@example.test` },
      text: 'Please see the attached invoice',
      attachments: [
        { url: `${internal.url}/secret`, name: 'invoice.pdf', contentType: 'application/pdf' },
      ],
    });
    expect(res.status).toBeLessThan(300);
    const message = await storedMessage(id);
    expect(internal.hits).toEqual([]);
    expect(message.files).toBe(0);
    expect(message.metadata.droppedAttachments).toEqual([
      expect.stringMatching(/^invoice\.pdf: .*loopback address/),
    ]);
  });

  it('a 302 from an allowed host to a loopback listener is not followed', async () => {
    const channel = await makeChannel(t.db, 'api', teamId, { secret: SECRET });
    const id = `ssrf-${randomUUID()}`;
    await postApiMessage(t.url, channel, {
      id,
      contact: { email: `r-${id}@example.test` },
      text: 'two files',
      attachments: [
        { url: `${allowed.url}/redirect`, name: 'moved.txt', contentType: 'text/plain' },
        { url: `${allowed.url}/file.txt`, name: 'file.txt', contentType: 'text/plain' },
      ],
    });
    const message = await storedMessage(id);
    expect(allowed.hits).toEqual(expect.arrayContaining(['/redirect', '/file.txt']));
    expect(internal.hits).toEqual([]);
    // The allowed file is kept; the redirected one is dropped with its reason.
    expect(message.files).toBe(1);
    expect(message.metadata.droppedAttachments).toEqual([
      expect.stringMatching(/^moved\.txt: .*loopback address/),
    ]);
  });

  it('an attachment URL with the file: scheme is not read, and the message is stored without it', async () => {
    const channel = await makeChannel(t.db, 'api', teamId, { secret: SECRET });
    const id = `ssrf-${randomUUID()}`;
    await postApiMessage(t.url, channel, {
      id,
      contact: { email: `f-${id}@example.test` },
      text: 'my passwd',
      attachments: [{ url: 'file:///etc/passwd', name: 'passwd', contentType: 'text/plain' }],
    });
    const message = await storedMessage(id);
    expect(message.files).toBe(0);
    expect(message.metadata.droppedAttachments).toEqual([
      'passwd: not fetched, file: URLs are not fetched',
    ]);
  });

  it.each(REFUSED_HOSTS)(
    'config.callbackUrl, smtp.host, imap.host and apiBaseUrl naming %s are refused with 400 naming the field',
    async (host, reason) => {
      const attempts: [string, Record<string, unknown>, string][] = [
        ['api', { secret: SECRET, callbackUrl: `http://${host}:8080/cb` }, 'config.callbackUrl'],
        [
          'email',
          { address: `x-${randomUUID()}@example.test`, smtp: { host, port: 25 } },
          'config.smtp.host',
        ],
        [
          'email',
          {
            address: `y-${randomUUID()}@example.test`,
            smtp: { host: `127.0.0.1`, port: allowed.port },
            imap: { host, port: 993, secure: true },
          },
          'config.imap.host',
        ],
        [
          'telegram',
          { botToken: 'bot-token-123', secretToken: 'secret-123', apiBaseUrl: `https://${host}/` },
          'config.apiBaseUrl',
        ],
      ];
      for (const [kind, config, field] of attempts) {
        const res = await admin.post('/api/channels').send({ kind, name: 'x', teamId, config });
        expect({ field, status: res.status }).toEqual({ field, status: 400 });
        expect(res.body.message).toMatch(new RegExp(`${field.replace(/\./g, '\\.')} points to`));
        expect(res.body.message).toMatch(reason);
        expect(res.body.message).toContain('OUTBOUND_ALLOW_HOSTS');
      }
      expect(internal.hits).toEqual([]);
    },
  );

  it('a PATCH that aims a channel at a private address is refused with 400, an allow-listed host is accepted', async () => {
    const created = await admin.post('/api/channels').send({
      kind: 'api',
      name: 'allowed callback',
      teamId,
      config: { secret: SECRET, callbackUrl: `${allowed.url}/cb` },
    });
    expect(created.status).toBe(201);
    const patched = await admin.patch(`/api/channels/${created.body.id}`).send({
      config: { secret: SECRET, callbackUrl: 'http://169.254.169.254/latest/meta-data/' },
    });
    expect(patched.status).toBe(400);
    expect(patched.body.message).toMatch(/config\.callbackUrl points to a link-local/);
    expect(patched.body.error).toBeDefined();
  });

  it('a name that resolves to a public address at configuration and to loopback at connect is refused at connect', async () => {
    // The resolver stands in for DNS: public while the config is checked, loopback afterwards.
    let answer = '93.184.216.34';
    const client = new OutboundClient({
      allowHosts: [],
      resolver: async () => [{ address: answer, family: 4 }],
    });
    expect(await client.refusal('rebind.example', internal.port)).toBeUndefined();
    answer = '127.0.0.1';
    await expect(client.request(`http://rebind.example:${internal.port}/secret`)).rejects.toThrow(
      /loopback address/,
    );
    expect(internal.hits).toEqual([]);
  });

  it('a callback configured while allowed and later aimed at an address that is not allowed is refused at connect', async () => {
    const callbackPort = new URL(callback.url).port;
    // Configured while `localhost` was allowed ...
    const first = await startTestApp({ OUTBOUND_ALLOW_HOSTS: `localhost:${callbackPort}` });
    const databaseUrl = first.config.database.url;
    let channelId: string;
    try {
      const api = as(
        first.url,
        (await login(first.url, await makeUser(first.db, { role: 'admin' }))).accessToken,
      );
      const team = await makeTeam(first.db);
      const created = await api.post('/api/channels').send({
        kind: 'api',
        name: 'callback by name',
        teamId: team.id,
        config: { secret: SECRET, callbackUrl: `http://localhost:${callbackPort}/callback` },
      });
      expect(created.status).toBe(201);
      channelId = created.body.id;
    } finally {
      await first.close();
    }
    // ... then only the address is allowed: `localhost` now leads to a loopback address that is not.
    const second = await startTestApp(
      { OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${callbackPort}` },
      databaseUrl,
    );
    try {
      const channel = await second.db.getRepository(Channel).findOneByOrFail({ id: channelId });
      const email = `cb-${randomUUID().slice(0, 8)}@example.test`;
      await postApiMessage(second.url, channel, {
        id: `cb-${randomUUID()}`,
        contact: { email },
        text: 'Hallo',
      });
      const conversationId = await waitForConversationOf(second.db, email);
      const agent = await makeUser(second.db, { teams: [channel.teamId] });
      const reply = await as(second.url, (await login(second.url, agent)).accessToken)
        .post(`/api/conversations/${conversationId}/messages`)
        .send({ type: 'reply', body: 'Antwort', clientMessageId: randomUUID() });
      expect(reply.status).toBe(201);
      const failed = await waitFor('the reply to fail', async () => {
        const rows = await second.db.query(
          'SELECT delivery_status, delivery_error, delivery_attempts FROM messages WHERE id = $1',
          [reply.body.id],
        );
        return rows[0]?.delivery_status === 'failed' ? rows[0] : null;
      });
      expect(failed.delivery_error).toMatch(/loopback address/);
      // Refused is permanent: no retries.
      expect(failed.delivery_attempts).toBe(1);
      expect(callback.calls).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('SMTP to a loopback host that is not allowed is refused before any connection', async () => {
    const smtp = await tcpCounter();
    try {
      const sender = t.app.get(EmailSender);
      const sent = sender.send(
        { host: '127.0.0.1', port: smtp.port, secure: false },
        { from: 'a@example.test', to: 'b@example.test', text: 'x' },
      );
      await expect(sent).rejects.toBeInstanceOf(PermanentDeliveryError);
      await expect(sent).rejects.toThrow(/loopback address/);
      expect(smtp.connections).toBe(0);
    } finally {
      await smtp.close();
    }
  });

  it('SMTP and IMAP to private and metadata addresses are refused without opening a socket', async () => {
    const sender = t.app.get(EmailSender);
    const mailbox = t.app.get(MailboxClient);
    // The probe sees connections: one to a loopback listener is recorded.
    const counter = await tcpCounter();
    const seen = await connectsDuring(
      () =>
        new Promise<void>((resolve) => {
          const socket = connect(counter.port, '127.0.0.1', () => {
            socket.destroy();
            resolve();
          });
        }),
    );
    await counter.close();
    expect(seen).toContain(`127.0.0.1:${counter.port}`);

    for (const host of ['10.0.0.1', '169.254.169.254', '100.64.0.1']) {
      let smtpError: unknown;
      const smtpConnects = await connectsDuring(() =>
        sender
          .send({ host, port: 25, secure: false }, { from: 'a@example.test', to: 'b@example.test' })
          .catch((e: unknown) => {
            smtpError = e;
          }),
      );
      expect(smtpError).toBeInstanceOf(PermanentDeliveryError);
      expect(smtpConnects.filter((c) => c.startsWith(host))).toEqual([]);

      let imapError: unknown;
      const imapConnects = await connectsDuring(() =>
        mailbox.open({ host, port: 993, secure: true }).catch((e: unknown) => {
          imapError = e;
        }),
      );
      expect(String(imapError)).toMatch(/private|link-local|carrier-grade/);
      expect(imapConnects.filter((c) => c.startsWith(host))).toEqual([]);
    }
  });

  it('IMAP to a loopback host that is not allowed is refused before any connection', async () => {
    const imap = await tcpCounter();
    try {
      const mailbox = t.app.get(MailboxClient);
      await expect(
        mailbox.open({ host: '127.0.0.1', port: imap.port, secure: false }),
      ).rejects.toThrow(/loopback address/);
      expect(imap.connections).toBe(0);
    } finally {
      await imap.close();
    }
  });
});
