import { createServer, connect, type Server, type Socket, type AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { makeUser, type MadeUser } from './helpers/factories';
import { as, login } from './helpers/http';
import { createFileDatabase } from './helpers/test-database';
import { startTestApp, type TestApp } from './helpers/test-app';
import { waitFor } from './helpers/wait';

/** A TCP forwarder to the shared PostgreSQL that the test can cut and restore, like an outage. */
class DatabaseLink {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  async open(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(5432, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Refuses new connections and drops every open one. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise((r) => server.close(r));
  }
}

/** Lines the global error filter logs (context `Errors`). */
function errorFilterLines(spy: jest.SpyInstance): string[] {
  return spy.mock.calls
    .filter((_, i) => (spy.mock.contexts[i] as { context?: string }).context === 'Errors')
    .map(([message]) => String(message));
}

describe('PostgreSQL outage', () => {
  const link = new DatabaseLink();
  let app: TestApp;
  let user: MadeUser;
  let token: string;
  let logged: jest.SpyInstance;

  beforeAll(async () => {
    await link.open();
    const url = new URL(await createFileDatabase());
    url.port = String(link.port);
    app = await startTestApp({}, url.toString());
    user = await makeUser(app.db, { role: 'admin' });
    token = (await login(app.url, user)).accessToken;
    logged = jest.spyOn(Logger.prototype, 'error');
  });

  afterAll(async () => {
    await link.open();
    await app?.close();
    await link.cut();
  });

  it('answers 503 with Retry-After while the database is down, one log line per request, and recovers', async () => {
    expect((await as(app.url, token).get('/api/me')).status).toBe(200);

    await link.cut();
    logged.mockClear();
    const requests = 3;
    for (let i = 0; i < requests; i++) {
      const res = await as(app.url, token).get('/api/me');
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The database is unavailable, try again shortly',
        code: 'database.unavailable',
      });
    }
    const login503 = await request(app.url)
      .post('/api/auth/login')
      .send({ email: user.email, password: 'wrong password' });
    expect(login503.status).toBe(503);

    const lines = errorFilterLines(logged);
    expect(lines).toHaveLength(requests + 1);
    for (const line of lines) {
      expect(line).toMatch(/^Database unavailable: (GET|POST) \/api\//);
      expect(line).not.toContain('\n');
    }

    const warned = jest.spyOn(Logger.prototype, 'warn');
    const health = await request(app.url).get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body.message).toMatch(/^Not ready: database \(/);
    expect(health.body.message).not.toContain('redis');
    // The health answer is deliberate: one warning line, no stack trace.
    expect(errorFilterLines(warned)).toEqual([
      expect.stringMatching(/^503 GET \/api\/health: Not ready: database \([^\n]*$/),
    ]);
    expect(errorFilterLines(logged)).toHaveLength(requests + 1);
    warned.mockRestore();

    await link.open();
    await waitFor('the database to answer again', async () => {
      const res = await as(app.url, token).get('/api/me');
      return res.status === 200;
    });
    expect((await request(app.url).get('/api/health')).status).toBe(200);
  });
});
