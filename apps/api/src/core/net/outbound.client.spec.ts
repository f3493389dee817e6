import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAllowHosts } from './outbound-allow-list';
import { OutboundClient, type HostResolver } from './outbound.client';
import { OutboundRefusedError, OutboundTooLargeError } from './outbound.errors';

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
}

describe('OutboundClient', () => {
  let server: Server;
  let port: number;
  const seen: Seen[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ path: req.url ?? '', headers: req.headers });
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/redirect') {
        res.writeHead(302, { location: url.searchParams.get('to') ?? '/file' });
        return res.end();
      }
      if (url.pathname === '/big') {
        // No content-length: the limit must hold while streaming.
        res.writeHead(200);
        const chunk = Buffer.alloc(64 * 1024, 'x');
        let sent = 0;
        const push = () => {
          while (sent < 40 && res.write(chunk)) sent++;
          if (sent < 40) res.once('drain', push);
          else res.end();
        };
        return push();
      }
      if (url.pathname === '/silent') return; // never answers
      if (url.pathname === '/stall') {
        res.writeHead(200, { 'content-length': '100' });
        return res.write('only a part'); // and never the rest
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('file content');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });

  beforeEach(() => {
    seen.length = 0;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const client = (allow: string, resolver?: HostResolver) =>
    new OutboundClient({ allowHosts: parseAllowHosts(allow).entries, resolver });

  it('refuses a loopback address that is not allowed, before connecting', async () => {
    await expect(client('').request(`http://127.0.0.1:${port}/file`)).rejects.toBeInstanceOf(
      OutboundRefusedError,
    );
    await expect(client('127.0.0.1:1').request(`http://127.0.0.1:${port}/file`)).rejects.toThrow(
      /loopback address; allow it with OUTBOUND_ALLOW_HOSTS/,
    );
    expect(seen).toEqual([]);
  });

  it('fetches from an allowed host:port', async () => {
    const res = await client(`127.0.0.1:${port}`).request(`http://127.0.0.1:${port}/file`);
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.body.toString()).toBe('file content');
  });

  it('connects an allowed name to the address it checked and sends the name as Host', async () => {
    const resolver: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const res = await client('files.intranet.test', resolver).request(
      `http://files.intranet.test:${port}/file`,
    );
    expect(res.status).toBe(200);
    expect(seen[0].headers.host).toBe(`files.intranet.test:${port}`);
  });

  it('refuses a name when any of its addresses is refused', async () => {
    const resolver: HostResolver = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '127.0.0.1', family: 4 },
    ];
    await expect(client('', resolver).request(`http://mixed.example:${port}/file`)).rejects.toThrow(
      /mixed\.example \(127\.0\.0\.1\) is a loopback address/,
    );
    expect(seen).toEqual([]);
  });

  it('follows no redirect unless asked, and re-checks every hop', async () => {
    const allowed = client(`127.0.0.1:${port}`);
    const direct = await allowed.request(`http://127.0.0.1:${port}/redirect`);
    expect(direct.status).toBe(302);
    expect(direct.ok).toBe(false);

    const followed = await allowed.request(`http://127.0.0.1:${port}/redirect`, {
      maxRedirects: 2,
    });
    expect(followed.status).toBe(200);
    expect(seen.map((s) => s.path)).toEqual(['/redirect', '/redirect', '/file']);

    seen.length = 0;
    const away = `http://localhost:${port}/file`;
    await expect(
      allowed.request(`http://127.0.0.1:${port}/redirect?to=${encodeURIComponent(away)}`, {
        maxRedirects: 2,
      }),
    ).rejects.toThrow(/localhost \((127\.0\.0\.1|::1)\) is a loopback address/);
    expect(seen.map((s) => s.path)).toEqual([`/redirect?to=${encodeURIComponent(away)}`]);
  });

  it('does not carry request headers to another origin on a redirect', async () => {
    const both = client(`127.0.0.1:${port},localhost:${port}`);
    const away = `http://localhost:${port}/file`;
    await both.request(`http://127.0.0.1:${port}/redirect?to=${encodeURIComponent(away)}`, {
      headers: { authorization: 'Bearer secret' },
      maxRedirects: 1,
    });
    expect(seen.map((s) => s.headers.authorization)).toEqual(['Bearer secret', undefined]);
  });

  it('stops reading at the byte limit', async () => {
    await expect(
      client(`127.0.0.1:${port}`).request(`http://127.0.0.1:${port}/big`, { maxBytes: 100_000 }),
    ).rejects.toBeInstanceOf(OutboundTooLargeError);
  });

  it('gives up after the time limit', async () => {
    await expect(
      client(`127.0.0.1:${port}`).request(`http://127.0.0.1:${port}/silent`, { timeoutMs: 200 }),
    ).rejects.toThrow(/no answer within 200 ms/);
  });

  it('gives up on an answer whose body stalls', async () => {
    await expect(
      client(`127.0.0.1:${port}`).request(`http://127.0.0.1:${port}/stall`, { timeoutMs: 200 }),
    ).rejects.toThrow(/no answer within 200 ms/);
  });

  it('hands SMTP/IMAP clients the checked address and the name for TLS', async () => {
    const resolver: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];
    const c = client('mail.intranet.test:993,127.0.0.1:25', resolver);
    expect(await c.socketTarget('Mail.Intranet.Test', 993)).toEqual({
      host: 'mail.intranet.test',
      port: 993,
      address: '127.0.0.1',
      servername: 'mail.intranet.test',
    });
    expect(await c.socketTarget('127.0.0.1', 25)).toEqual({
      host: '127.0.0.1',
      port: 25,
      address: '127.0.0.1',
      servername: undefined,
    });
    await expect(c.socketTarget('mail.intranet.test', 25)).rejects.toBeInstanceOf(
      OutboundRefusedError,
    );
  });

  it('treats a name that does not resolve as not refused for configuration checks', async () => {
    const resolver: HostResolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), {
        code: 'ENOTFOUND',
      });
    };
    expect(await client('', resolver).refusal('nowhere.invalid', 25)).toBeUndefined();
    await expect(client('', resolver).socketTarget('nowhere.invalid', 25)).rejects.toThrow(
      /ENOTFOUND/,
    );
  });
});
