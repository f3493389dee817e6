import type { AddressInfo } from 'node:net';
import express from 'express';
import { request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { clientAddressOf, limitSubjectOf, type ProxyTrust } from './client-address';

/** Sends one request with `forwardedFor` and returns express's req.ip and ours for it. */
async function bothAddresses(
  trustProxy: false | number | string[],
  forwardedFor?: string,
): Promise<{ express: string | undefined; ours: string }> {
  const app = express();
  app.set('trust proxy', trustProxy);
  let seen: { express: string | undefined; ours: string } | undefined;
  app.get('/', (req, res) => {
    seen = {
      express: req.ip,
      ours: clientAddressOf(req as IncomingMessage, app.get('trust proxy fn') as ProxyTrust),
    };
    res.end();
  });
  const server: Server = await new Promise((done) => {
    const s = app.listen(0, '127.0.0.1', () => done(s));
  });
  try {
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((done, fail) =>
      httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/',
          headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
        },
        (res) => res.resume().on('end', done),
      )
        .on('error', fail)
        .end(),
    );
  } finally {
    server.close();
  }
  if (!seen) throw new Error('no request seen');
  return seen;
}

describe('clientAddressOf', () => {
  const cases: [false | number | string[], string | undefined, string][] = [
    [false, '203.0.113.9', '127.0.0.1'],
    [1, undefined, '127.0.0.1'],
    [1, '203.0.113.9', '203.0.113.9'],
    [1, '10.0.0.1, 203.0.113.9', '203.0.113.9'],
    [2, '10.0.0.1, 203.0.113.9, 198.51.100.1', '203.0.113.9'],
    [['loopback'], '10.0.0.1,203.0.113.9', '203.0.113.9'],
    [['loopback', '203.0.113.0/24'], '10.0.0.1, 203.0.113.9', '10.0.0.1'],
    [['10.0.0.0/8'], '203.0.113.9', '127.0.0.1'],
  ];
  it.each(cases)('trust %j, X-Forwarded-For %j: %s, as express says', async (trust, xff, want) => {
    const seen = await bothAddresses(trust, xff);
    expect(seen).toEqual({ express: want, ours: want });
  });
});

describe('limitSubjectOf', () => {
  it('counts IPv4 addresses alone and IPv6 addresses by their /64', () => {
    expect(limitSubjectOf('203.0.113.9')).toBe('203.0.113.9');
    expect(limitSubjectOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(limitSubjectOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(limitSubjectOf('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(limitSubjectOf('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(limitSubjectOf('::1')).toBe('::/64');
    expect(limitSubjectOf('not an address')).toBe('not an address');
  });
});
