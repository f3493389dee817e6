import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../helpers/test-app';

const DOCKER = resolve(__dirname, '../../../../docker');

/** Every header that protects a page the browser renders; nginx must send each as the api does. */
const PAGE_HEADERS = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

/** `location <path> { ... }` blocks of an nginx server (one level of braces inside). */
function locations(conf: string): { path: string; body: string }[] {
  const code = conf.replace(/#.*$/gm, '');
  return [...code.matchAll(/location\s+([^{]+?)\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g)].map((m) => ({
    path: m[1].trim(),
    body: m[2],
  }));
}

/** `add_header Name "value" [always];` lines: lowercased name, value, and whether error pages get it too. */
function addHeaders(conf: string): { name: string; value: string; always: boolean }[] {
  return [
    ...conf.matchAll(/^\s*add_header\s+([\w-]+)\s+(?:"([^"]*)"|(\S+))(\s+always)?\s*;/gm),
  ].map((m) => ({ name: m[1].toLowerCase(), value: m[2] ?? m[3], always: Boolean(m[4]) }));
}

describe('Headers', () => {
  let t: TestApp;
  let api: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    api = (await request(t.url).get('/api/health')).headers as Record<string, string>;
  });
  afterAll(() => t.close());

  it('api responses carry a CSP of their own origin only (connect-src and style-src without schemes or wildcards), no framing by others, nosniff and no referrer', () => {
    const csp = directives(api['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    for (const [name, sources] of csp) {
      for (const any of ['*', 'https:', 'http:', 'ws:', 'wss:']) {
        expect(`${name} ${sources.join(' ')}`).not.toContain(` ${any}`);
      }
    }
    // Framing by others and MIME sniffing are refused, and no referrer leaves.
    expect(api['x-frame-options']).toBe('SAMEORIGIN');
    expect(api['x-content-type-options']).toBe('nosniff');
    expect(api['referrer-policy']).toBe('no-referrer');
    expect(api['cross-origin-opener-policy']).toBe('same-origin');
    for (const name of PAGE_HEADERS) expect(api).toHaveProperty(name);
  });

  it('HSTS is not sent while PUBLIC_URL is http', () => {
    expect(api['strict-transport-security']).toBeUndefined();
  });

  it('HSTS is sent with HSTS_MAX_AGE when PUBLIC_URL is https, and not at all with HSTS_MAX_AGE=0', async () => {
    const https = await startTestApp({
      PUBLIC_URL: 'https://inbox.example.test',
      HSTS_MAX_AGE: '600',
    });
    const off = await startTestApp({ PUBLIC_URL: 'https://inbox.example.test', HSTS_MAX_AGE: '0' });
    try {
      const on = await request(https.url).get('/api/health');
      expect(on.headers['strict-transport-security']).toBe('max-age=600');
      expect(
        directives(on.headers['content-security-policy']).has('upgrade-insecure-requests'),
      ).toBe(true);
      const none = await request(off.url).get('/api/health');
      expect(none.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await Promise.all([https.close(), off.close()]);
    }
  });

  it('nginx serves the web app (every non-proxied location) with exactly the security headers the api sends', () => {
    const conf = readFileSync(resolve(DOCKER, 'nginx.conf'), 'utf8');
    const dockerfile = readFileSync(resolve(DOCKER, 'Dockerfile'), 'utf8');
    const statics = locations(conf).filter(
      (l) => !/proxy_pass|return\s+\d/.test(l.body) && l.path !== '= /healthz',
    );
    expect(statics.map((l) => l.path).sort()).toEqual(['/', '/assets/']);

    for (const location of statics) {
      const included = [...location.body.matchAll(/include\s+(\S+);/g)].map((m) => m[1]);
      expect(included).toHaveLength(1);
      // The Dockerfile puts the repository's snippet where nginx.conf includes it.
      const copy = new RegExp(
        `COPY\\s+docker/(\\S+)\\s+${included[0].replace(/[.]/g, '\\.')}\\s*$`,
        'm',
      );
      const snippet = dockerfile.match(copy)?.[1];
      expect(snippet).toBeDefined();
      const sent = addHeaders(readFileSync(resolve(DOCKER, snippet as string), 'utf8'));
      expect(sent.map((h) => h.name).sort()).toEqual([...PAGE_HEADERS].sort());
      for (const h of sent) {
        expect(`${h.name}: ${h.value}`).toBe(`${h.name}: ${api[h.name]}`);
        expect(h.always).toBe(true); // error pages too
      }
    }
  });
});
