import {
  CHANNEL_SECRET_KEYS,
  SECRET_MASK,
  channelConfigSchemas,
  type ChannelKind,
} from '@touchpoint/shared';
import { InvalidChannelConfigException } from './channels.exception';

type Config = Record<string, unknown>;

/** A channel's stored config does not match its kind's schema (edited by hand, older version). */
export class InvalidChannelConfigError extends Error {}

function getPath(obj: Config, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Config)[k] : undefined), obj);
}

function setPath(obj: Config, path: string, value: unknown): void {
  const keys = path.split('.');
  let o: Config = obj;
  for (const k of keys.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== 'object') return;
    o = o[k] as Config;
  }
  o[keys[keys.length - 1]] = value;
}

/** Validates `config` for `kind`; masked secrets are taken from `previous` (an update that left them alone). */
export function validateConfig(kind: ChannelKind, config: Config, previous?: Config): Config {
  const merged: Config = structuredClone(config);
  for (const path of CHANNEL_SECRET_KEYS[kind]) {
    if (getPath(merged, path) === SECRET_MASK)
      setPath(merged, path, previous ? getPath(previous, path) : undefined);
  }
  const parsed = channelConfigSchemas[kind].safeParse(merged);
  if (!parsed.success) throw new InvalidChannelConfigException(parsed.error);
  return parsed.data as Config;
}

/** The config as admins see it: secrets replaced by the mask. */
export function maskConfig(kind: ChannelKind, config: Config): Config {
  const masked: Config = structuredClone(config);
  for (const path of CHANNEL_SECRET_KEYS[kind])
    if (getPath(masked, path)) setPath(masked, path, SECRET_MASK);
  return masked;
}

/** Address the SMTP intake routes to this channel. */
export function inboxAddressOf(kind: ChannelKind, config: Config): string | null {
  const address =
    kind === 'email' ? config.address : kind === 'form' ? config.replyFrom : undefined;
  return typeof address === 'string' ? address.toLowerCase() : null;
}

/** A place a channel's config makes the product connect to, with the config field that names it. */
export interface OutboundTarget {
  field: string;
  host: string;
  port: number;
}

/**
 * Every outbound target in a config: URL keys (`callbackUrl`, `apiBaseUrl`, any `...Url`) and mail
 * servers (an object with `host` and `port`, such as `smtp` and `imap`), at any depth.
 */
export function outboundTargetsOf(config: Config, prefix = 'config'): OutboundTarget[] {
  const targets: OutboundTarget[] = [];
  for (const [key, value] of Object.entries(config)) {
    const field = `${prefix}.${key}`;
    if (typeof value === 'string' && /url$/i.test(key)) {
      const url = URL.canParse(value) ? new URL(value) : undefined;
      if (url && (url.protocol === 'http:' || url.protocol === 'https:'))
        targets.push({
          field,
          host: url.hostname,
          port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
        });
    } else if (value && typeof value === 'object' && !Array.isArray(value)) {
      const server = value as Config;
      if (typeof server.host === 'string' && typeof server.port === 'number')
        targets.push({ field: `${field}.host`, host: server.host, port: server.port });
      targets.push(...outboundTargetsOf(server, field));
    }
  }
  return targets;
}
