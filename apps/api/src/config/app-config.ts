import { config as loadDotenv } from 'dotenv';
import { parseAllowHosts, type AllowedHost } from '../core/net/outbound-allow-list';
import { envSchema, type Env } from './env.schema';
import { localJwtSecret } from './local-jwt-secret';

export type Role = Env['ROLE'];

/** Names of this machine a demo mail relay may have for Touchpoint to catch the mail itself. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1'];

/** The demo's relay is our own mailbox: its sends must reach it, on whatever port it has. */
function withDemoMailbox(allowed: AllowedHost[], mailbox: AllowedHost | null): AllowedHost[] {
  if (!mailbox || allowed.some((a) => a.host === mailbox.host && a.port === mailbox.port))
    return allowed;
  return [...allowed, mailbox];
}

/** Outside production the demo's mail catcher (SMTP on localhost:1025) may be reached. */
export const DEV_OUTBOUND_ALLOW_HOSTS = 'localhost:1025,127.0.0.1:1025';

/** Thrown when the environment is wrong; `problems` holds one readable line per variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Typed, grouped view of the validated environment. The only reader of `process.env`. */
export class AppConfig {
  readonly env: Env['NODE_ENV'];
  readonly role: Role;
  readonly http: {
    host: string;
    port: number;
    publicUrl: string;
    webDist: string;
    /** express's `trust proxy`: hops or proxy addresses whose X-Forwarded-For is believed; false: none. */
    trustProxy: false | number | string[];
    /** Strict-Transport-Security max-age in seconds; 0 (off) unless PUBLIC_URL is https. */
    hstsMaxAgeSeconds: number;
  };
  readonly smtp: { port: number };
  readonly storage: { dir: string };
  readonly queue: {
    /** First retry delay of failed jobs; doubles per attempt. */
    backoffMs: number;
    /** Interval at which each worker registers the recurring jobs' schedules again. */
    scheduleRefreshMs: number;
  };
  /** A staff socket counts as online until `ttlMs` after its last heartbeat (sent every third of it). */
  readonly presence: { ttlMs: number };
  readonly database: { url: string; poolSize: number; migrationsRun: boolean };
  readonly redis: { url: string; prefix: string };
  readonly auth: {
    /** secret */
    jwtSecret: string;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
    /** Failed sign-ins an account may have in a row before each further one waits (doubling). */
    loginRateLimit: number;
    /** The first wait, and the window of the per-address limit. */
    loginRateWindowSeconds: number;
    /** Failed sign-ins one client address may make per window, across accounts. */
    loginAddressRateLimit: number;
  };
  readonly seedDemo: boolean;
  /** Where the demo's mail channels relay replies to (a mail catcher). */
  readonly demoMailRelay: { host: string; port: number };
  /**
   * The port on which Touchpoint catches the demo's outgoing mail itself (the customers' mailbox on
   * /demo), or null: in production, without the demo, with DEMO_MAILBOX=false, or when the relay
   * is another machine (compose's mail catcher).
   */
  readonly demoMailbox: { port: number } | null;
  readonly workspace: {
    name: string;
    /** First admin created on an empty database (password is a secret). */
    admin?: { email: string; password: string };
  };
  readonly logLevel: Env['LOG_LEVEL'];
  /** Internal hosts server-side requests and mail connections may reach anyway. */
  readonly outbound: { allowHosts: AllowedHost[] };
  /**
   * The OpenAI-compatible model server behind AI assistance, or null (off) unless AI_BASE_URL,
   * AI_API_KEY and AI_MODEL are all set. `apiKey` is a secret.
   */
  readonly ai: { baseUrl: string; apiKey: string; model: string; timeoutMs: number } | null;

  /** `jwtSecret` is `JWT_SECRET`, or the installation's own when that is unset (see `load`). */
  constructor(e: Env, jwtSecret: string) {
    this.env = e.NODE_ENV;
    this.role = e.ROLE;
    const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
    this.http = {
      host: e.HOST,
      port: e.PORT,
      publicUrl,
      webDist: e.WEB_DIST,
      trustProxy: e.TRUST_PROXY,
      // Browsers ignore HSTS over http; sending it there would only mislead.
      hstsMaxAgeSeconds: publicUrl.startsWith('https:')
        ? (e.HSTS_MAX_AGE ?? (e.NODE_ENV === 'production' ? 31536000 : 0))
        : 0,
    };
    this.smtp = { port: e.SMTP_PORT };
    this.storage = { dir: e.STORAGE_DIR };
    this.queue = { backoffMs: e.QUEUE_BACKOFF_MS, scheduleRefreshMs: e.QUEUE_SCHEDULE_REFRESH_MS };
    this.presence = { ttlMs: e.PRESENCE_TTL_SECONDS * 1000 };
    this.database = {
      url: e.DATABASE_URL,
      poolSize: e.DATABASE_POOL_SIZE,
      migrationsRun: e.MIGRATIONS_RUN,
    };
    this.redis = { url: e.REDIS_URL, prefix: e.REDIS_PREFIX };
    this.auth = {
      jwtSecret,
      accessTtlSeconds: e.JWT_ACCESS_TTL,
      refreshTtlSeconds: e.JWT_REFRESH_TTL,
      loginRateLimit: e.LOGIN_RATE_LIMIT,
      loginRateWindowSeconds: e.LOGIN_RATE_WINDOW,
      loginAddressRateLimit: e.LOGIN_ADDRESS_RATE_LIMIT,
    };
    this.seedDemo = e.SEED_DEMO;
    const [relayHost, relayPort] = e.DEMO_MAIL_RELAY.split(':');
    this.demoMailRelay = { host: relayHost, port: Number(relayPort) };
    this.demoMailbox =
      e.NODE_ENV !== 'production' &&
      e.SEED_DEMO &&
      e.DEMO_MAILBOX &&
      LOOPBACK_NAMES.includes(relayHost.toLowerCase())
        ? { port: Number(relayPort) }
        : null;
    this.workspace = {
      name: e.WORKSPACE_NAME,
      admin:
        e.ADMIN_EMAIL && e.ADMIN_PASSWORD
          ? { email: e.ADMIN_EMAIL.toLowerCase(), password: e.ADMIN_PASSWORD }
          : undefined,
    };
    this.logLevel = e.LOG_LEVEL;
    this.ai =
      e.AI_BASE_URL && e.AI_API_KEY && e.AI_MODEL
        ? {
            baseUrl: e.AI_BASE_URL.replace(/\/+$/, ''),
            apiKey: e.AI_API_KEY,
            model: e.AI_MODEL,
            timeoutMs: e.AI_TIMEOUT_MS,
          }
        : null;
    this.outbound = {
      allowHosts: withDemoMailbox(
        parseAllowHosts(
          e.OUTBOUND_ALLOW_HOSTS ?? (e.NODE_ENV === 'production' ? '' : DEV_OUTBOUND_ALLOW_HOSTS),
        ).entries,
        this.demoMailbox && { host: relayHost.toLowerCase(), port: this.demoMailbox.port },
      ),
    };
  }

  get runsApi(): boolean {
    return this.role === 'api' || this.role === 'all';
  }

  get runsWorker(): boolean {
    return this.role === 'worker' || this.role === 'all';
  }

  /**
   * Validates `source` (default: `.env` over `process.env`) and throws ConfigError listing every
   * problem. Without JWT_SECRET (allowed outside production) the secret kept in STORAGE_DIR is read,
   * or made on the first start.
   */
  static load(
    source?: NodeJS.ProcessEnv,
    overrides: Partial<Record<keyof Env, string>> = {},
  ): AppConfig {
    if (!source) loadDotenv({ quiet: true });
    const raw = { ...(source ?? process.env), ...overrides };
    // Empty strings mean "unset", as in most .env files.
    const cleaned = Object.fromEntries(
      Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''),
    );
    const parsed = envSchema.safeParse(cleaned);
    if (!parsed.success) {
      throw new ConfigError(
        parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`),
      );
    }
    const env = parsed.data;
    let jwtSecret = env.JWT_SECRET;
    try {
      jwtSecret ??= localJwtSecret(env.STORAGE_DIR);
    } catch (err) {
      throw new ConfigError([`JWT_SECRET is unset and ${(err as Error).message}`]);
    }
    return new AppConfig(env, jwtSecret);
  }
}
