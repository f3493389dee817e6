import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, ConfigError } from './app-config';
import { LOCAL_JWT_SECRET_FILE } from './local-jwt-secret';

const storage = () => mkdtempSync(join(tmpdir(), 'touchpoint-config-'));

describe('AppConfig', () => {
  it('works with no variables at all on a developer machine', () => {
    const config = AppConfig.load({ STORAGE_DIR: storage() });
    expect(config.http.port).toBe(3000);
    expect(config.smtp.port).toBe(2525);
    expect(config.role).toBe('all');
    expect(config.runsApi && config.runsWorker).toBe(true);
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/touchpoint');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.http.publicUrl).toBe('http://localhost:3000');
    expect(config.seedDemo).toBe(true);
    expect(config.auth.jwtSecret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('without JWT_SECRET makes a secret per installation and keeps it (0600) across restarts', () => {
    const dir = storage();
    const first = AppConfig.load({ STORAGE_DIR: dir }).auth.jwtSecret;
    const file = join(dir, LOCAL_JWT_SECRET_FILE);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(AppConfig.load({ STORAGE_DIR: dir }).auth.jwtSecret).toBe(first);
    expect(AppConfig.load({ STORAGE_DIR: storage() }).auth.jwtSecret).not.toBe(first);
    // An explicit secret wins and leaves no file behind.
    const explicit = storage();
    expect(
      AppConfig.load({ STORAGE_DIR: explicit, JWT_SECRET: 'y'.repeat(40) }).auth.jwtSecret,
    ).toBe('y'.repeat(40));
    expect(() => statSync(join(explicit, LOCAL_JWT_SECRET_FILE))).toThrow();
  });

  it('refuses a kept secret that is too short, saying what to do', () => {
    const dir = storage();
    writeFileSync(join(dir, LOCAL_JWT_SECRET_FILE), 'short\n');
    expect(() => AppConfig.load({ STORAGE_DIR: dir })).toThrow(/delete it to make a new one/);
  });

  it('parses values and treats empty strings as unset', () => {
    const config = AppConfig.load({
      PORT: '8080',
      ROLE: 'worker',
      SEED_DEMO: 'false',
      PUBLIC_URL: '',
      REDIS_PREFIX: 'x1',
      STORAGE_DIR: storage(),
    });
    expect(config.http.port).toBe(8080);
    expect(config.runsApi).toBe(false);
    expect(config.runsWorker).toBe(true);
    expect(config.seedDemo).toBe(false);
    expect(config.http.publicUrl).toBe('http://localhost:8080');
    expect(config.redis.prefix).toBe('x1');
  });

  it('lists every problem, one line per variable', () => {
    let error: unknown;
    try {
      AppConfig.load({
        PORT: 'abc',
        ROLE: 'both',
        DATABASE_URL: 'mysql://x',
        SEED_DEMO: 'maybe',
        JWT_SECRET: 'short',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT must be a number',
        'ROLE must be api, worker or all',
        'DATABASE_URL must be a URL like postgres://user:pass@host:5432/touchpoint',
        'SEED_DEMO must be true or false',
        'JWT_SECRET must be at least 32 characters',
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('keeps staff presence a minute after the last heartbeat unless PRESENCE_TTL_SECONDS says otherwise', () => {
    expect(AppConfig.load({ STORAGE_DIR: storage() }).presence.ttlMs).toBe(60_000);
    expect(
      AppConfig.load({ STORAGE_DIR: storage(), PRESENCE_TTL_SECONDS: '5' }).presence.ttlMs,
    ).toBe(5000);
    // Below three seconds a heartbeat every third of it would be a flood.
    expect(() => AppConfig.load({ STORAGE_DIR: storage(), PRESENCE_TTL_SECONDS: '1' })).toThrow(
      'PRESENCE_TTL_SECONDS must be at least 3',
    );
  });

  it('requires a real secret and public URL in production', () => {
    expect(() => AppConfig.load({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET is required in production[\s\S]*PUBLIC_URL is required in production/,
    );
    const ok = AppConfig.load({
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      PUBLIC_URL: 'https://inbox.example.com/',
    });
    expect(ok.http.publicUrl).toBe('https://inbox.example.com');
  });

  it('allows the demo mail catcher outside production only, and reads OUTBOUND_ALLOW_HOSTS', () => {
    expect(AppConfig.load({}).outbound.allowHosts).toEqual([
      { host: 'localhost', port: 1025 },
      { host: '127.0.0.1', port: 1025 },
    ]);
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      PUBLIC_URL: 'https://a.example',
    };
    expect(AppConfig.load(production).outbound.allowHosts).toEqual([]);
    expect(
      AppConfig.load({
        ...production,
        OUTBOUND_ALLOW_HOSTS: '127.0.0.1:4010,mail.intranet.example',
      }).outbound.allowHosts,
    ).toEqual([
      { host: '127.0.0.1', port: 4010 },
      { host: 'mail.intranet.example', port: undefined },
    ]);
    expect(() => AppConfig.load({ OUTBOUND_ALLOW_HOSTS: 'ok.example,http://x/' })).toThrow(
      'OUTBOUND_ALLOW_HOSTS must be comma-separated host or host:port entries (not http://x/)',
    );
  });

  it('relays the demo mail channels to DEMO_MAIL_RELAY (compose: the mail catcher container)', () => {
    expect(AppConfig.load({ STORAGE_DIR: storage() }).demoMailRelay).toEqual({
      host: 'localhost',
      port: 1025,
    });
    expect(
      AppConfig.load({ STORAGE_DIR: storage(), DEMO_MAIL_RELAY: 'mailcatcher:1025' }).demoMailRelay,
    ).toEqual({ host: 'mailcatcher', port: 1025 });
    expect(() => AppConfig.load({ DEMO_MAIL_RELAY: 'smtp://mailcatcher' })).toThrow(
      'DEMO_MAIL_RELAY must be host:port, e.g. localhost:1025',
    );
  });

  it("catches the demo's mail itself only outside production, with the demo, on this machine", () => {
    const load = (env: Record<string, string>) =>
      AppConfig.load({ STORAGE_DIR: storage(), ...env });
    expect(load({}).demoMailbox).toEqual({ port: 1025 });
    expect(load({ DEMO_MAILBOX: 'false' }).demoMailbox).toBeNull();
    expect(load({ SEED_DEMO: 'false' }).demoMailbox).toBeNull();
    expect(load({ DEMO_MAIL_RELAY: 'mailcatcher:1025' }).demoMailbox).toBeNull();
    expect(
      load({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), PUBLIC_URL: 'https://a.example' })
        .demoMailbox,
    ).toBeNull();
    // Its own relay port is reachable, whatever OUTBOUND_ALLOW_HOSTS says.
    const custom = load({ DEMO_MAIL_RELAY: '127.0.0.1:4025', OUTBOUND_ALLOW_HOSTS: 'ok.example' });
    expect(custom.demoMailbox).toEqual({ port: 4025 });
    expect(custom.outbound.allowHosts).toEqual([
      { host: 'ok.example', port: undefined },
      { host: '127.0.0.1', port: 4025 },
    ]);
  });

  it('reads TRUST_PROXY as hops or proxy addresses and refuses trusting everyone', () => {
    expect(AppConfig.load({}).http.trustProxy).toBe(false);
    expect(AppConfig.load({ TRUST_PROXY: 'false' }).http.trustProxy).toBe(false);
    expect(AppConfig.load({ TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(AppConfig.load({ TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).http.trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '::1',
    ]);
    for (const everyone of ['true', 'yes']) {
      expect(() => AppConfig.load({ TRUST_PROXY: everyone })).toThrow(
        /TRUST_PROXY must not trust every proxy .* e\.g\. 1, .* e\.g\. loopback, 10\.0\.0\.0\/8/,
      );
    }
    expect(() => AppConfig.load({ TRUST_PROXY: 'loopback, proxy.internal, 10.0.0.0/40' })).toThrow(
      /TRUST_PROXY .*not an address: proxy\.internal, 10\.0\.0\.0\/40/,
    );
  });

  it('sends HSTS only with an https PUBLIC_URL: a year by default in production, off in development', () => {
    const https = { PUBLIC_URL: 'https://inbox.example.com' };
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ...https };
    expect(AppConfig.load({}).http.hstsMaxAgeSeconds).toBe(0);
    expect(AppConfig.load(https).http.hstsMaxAgeSeconds).toBe(0);
    expect(AppConfig.load({ ...https, HSTS_MAX_AGE: '600' }).http.hstsMaxAgeSeconds).toBe(600);
    expect(AppConfig.load(production).http.hstsMaxAgeSeconds).toBe(31536000);
    expect(AppConfig.load({ ...production, HSTS_MAX_AGE: '0' }).http.hstsMaxAgeSeconds).toBe(0);
    expect(
      AppConfig.load({ ...production, PUBLIC_URL: 'http://inbox.example.com' }).http
        .hstsMaxAgeSeconds,
    ).toBe(0);
  });
});
