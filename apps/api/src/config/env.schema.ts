import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { parseAllowHosts } from '../core/net/outbound-allow-list';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));

const int = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` })
    .default(fallback);

/** Names proxy-addr (express's `trust proxy`) accepts for address ranges. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * `TRUST_PROXY`: which peers may tell the client address in X-Forwarded-For. A number of hops or a
 * list of proxy addresses/CIDRs; never "everyone", as any client could then claim any address.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((v, ctx): false | number | string[] => {
    const value = (v ?? 'false').trim().toLowerCase();
    if (value === 'false' || value === '0') return false;
    if (/^\d+$/.test(value)) return Number(value);
    if (['true', 'yes', '*', 'all'].includes(value)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'must not trust every proxy (any client could claim any address): set the number of proxies in front of Touchpoint, e.g. 1, or their addresses, e.g. loopback, 10.0.0.0/8',
      });
      return z.NEVER;
    }
    const entries = value.split(',').map((e) => e.trim());
    const wrong = entries.filter((e) => !PROXY_RANGE_NAMES.includes(e) && !isAddressOrRange(e));
    if (wrong.length) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a number of proxies (e.g. 1) or proxy addresses/CIDRs (e.g. loopback, 10.0.0.0/8); not an address: ${wrong.join(', ')}`,
      });
      return z.NEVER;
    }
    return entries;
  });

function isAddressOrRange(entry: string): boolean {
  return entry.includes('/') ? ipaddr.isValidCIDR(entry) : ipaddr.isValid(entry);
}

const url = (protocols: string[], example: string) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL like ${example}` },
  );

/** Every environment variable the api and worker read. `.env.example` documents them. */
export const envSchema = z
  .object({
    NODE_ENV: z
      .enum(['development', 'production', 'test'], {
        message: 'must be development, production or test',
      })
      .default('development'),
    ROLE: z
      .enum(['api', 'worker', 'all'], { message: 'must be api, worker or all' })
      .default('all'),
    PORT: int(3000, 0, 65535),
    HOST: z.string().min(1).default('0.0.0.0'),
    SMTP_PORT: int(2525, 0, 65535),
    PUBLIC_URL: url(['http:', 'https:'], 'https://inbox.example.com').optional(),
    DATABASE_URL: url(
      ['postgres:', 'postgresql:'],
      'postgres://user:pass@host:5432/touchpoint',
    ).default('postgres://postgres@127.0.0.1:5432/touchpoint'),
    DATABASE_POOL_SIZE: int(10, 1, 200),
    REDIS_URL: url(['redis:', 'rediss:'], 'redis://host:6379').default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_.-]{1,40}$/, {
        message: 'must be 1-40 letters, digits, dots, dashes or underscores',
      })
      .default('tp'),
    /** Unset outside production: the installation makes and keeps its own (see local-jwt-secret.ts). */
    JWT_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
    JWT_ACCESS_TTL: int(900, 30, 86400),
    JWT_REFRESH_TTL: int(30 * 86400, 300, 365 * 86400),
    LOGIN_RATE_LIMIT: int(10, 1, 10000),
    LOGIN_RATE_WINDOW: int(60, 1, 86400),
    LOGIN_ADDRESS_RATE_LIMIT: int(30, 1, 100000),
    SEED_DEMO: bool(true),
    /** SMTP relay (`host:port`) of the demo's email and form channels: a local mail catcher. */
    DEMO_MAIL_RELAY: z
      .string()
      .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, { message: 'must be host:port, e.g. localhost:1025' })
      .default('localhost:1025'),
    /**
     * Outside production, with the demo and a relay on this machine, Touchpoint itself catches the
     * demo's outgoing mail on DEMO_MAIL_RELAY and shows it as the customers' mailbox on /demo.
     */
    DEMO_MAILBOX: bool(true),
    WORKSPACE_NAME: z.string().trim().min(1).max(120).default('Touchpoint'),
    ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
    ADMIN_PASSWORD: z.string().min(10, { message: 'must be at least 10 characters' }).optional(),
    TRUST_PROXY: trustProxy,
    /** Seconds browsers keep to https; unset: a year in production, off otherwise. */
    HSTS_MAX_AGE: z.coerce
      .number({ message: 'must be a number' })
      .int({ message: 'must be a whole number' })
      .min(0, { message: 'must be at least 0' })
      .max(63072000, { message: 'must be at most 63072000 (two years)' })
      .optional(),
    MIGRATIONS_RUN: bool(true),
    WEB_DIST: z.string().default('dist/apps/web'),
    STORAGE_DIR: z.string().min(1).default('storage'),
    QUEUE_BACKOFF_MS: int(2000, 10, 600_000),
    /** How often every worker re-registers the recurring jobs' schedules (repairs an emptied Redis). */
    QUEUE_SCHEDULE_REFRESH_MS: int(30_000, 100, 30_000),
    /** Seconds after its last heartbeat a staff socket stops counting as online. */
    PRESENCE_TTL_SECONDS: int(60, 3, 600),
    /** Internal hosts server-side requests may reach (`host` or `host:port`, comma-separated). */
    OUTBOUND_ALLOW_HOSTS: z
      .string()
      .optional()
      .superRefine((v, ctx) => {
        const { invalid } = parseAllowHosts(v ?? '');
        if (invalid.length)
          ctx.addIssue({
            code: 'custom',
            message: `must be comma-separated host or host:port entries (not ${invalid.join(', ')})`,
          });
      }),
    /** An OpenAI-compatible model server (`…/v1`); AI assistance is off without the three. */
    AI_BASE_URL: url(['http:', 'https:'], 'https://api.openai.com/v1').optional(),
    /** secret */
    AI_API_KEY: z.string().min(1).optional(),
    AI_MODEL: z.string().min(1).max(200).optional(),
    /** Longest an answer of the model server may take, streaming included. */
    AI_TIMEOUT_MS: int(30_000, 1000, 600_000),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'must be fatal, error, warn, info, debug, trace or silent',
      })
      .default('info'),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'],
        message:
          'is required together with ' + (env.ADMIN_EMAIL ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD'),
      });
    }
    if (env.NODE_ENV === 'production' && !env.JWT_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'is required in production: 32+ random characters, e.g. openssl rand -hex 32',
      });
    }
    if (env.NODE_ENV === 'production' && !env.PUBLIC_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'is required in production (the address customers and agents reach)',
      });
    }
  });

export type Env = z.output<typeof envSchema>;
