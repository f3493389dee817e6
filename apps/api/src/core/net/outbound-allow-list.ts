import { normalizeHost } from './outbound-address';

/** One `OUTBOUND_ALLOW_HOSTS` entry: a host on any port, or exactly host:port. */
export interface AllowedHost {
  host: string;
  port?: number;
}

const HOST_NAME = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/;

function parseEntry(raw: string): AllowedHost | undefined {
  let host: string;
  let port: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(raw);
  if (bracketed) [, host, port] = bracketed;
  else if (raw.split(':').length === 2) [host, port] = raw.split(':');
  else host = raw;
  if (port !== undefined && !/^\d{1,5}$/.test(port)) return undefined;
  const portNumber = port === undefined ? undefined : Number(port);
  if (portNumber !== undefined && (portNumber < 1 || portNumber > 65535)) return undefined;
  const normalized = normalizeHost(host);
  if (!normalized.includes(':') && !HOST_NAME.test(normalized)) return undefined;
  return { host: normalized, port: portNumber };
}

/**
 * Parses a comma-separated `host` / `host:port` list (`127.0.0.1:4010,mail.intranet.example,[::1]:25`).
 * `invalid` lists the entries that are neither.
 */
export function parseAllowHosts(value: string): { entries: AllowedHost[]; invalid: string[] } {
  const entries: AllowedHost[] = [];
  const invalid: string[] = [];
  for (const raw of value.split(',').map((s) => s.trim())) {
    if (!raw) continue;
    const entry = parseEntry(raw);
    if (entry) entries.push(entry);
    else invalid.push(raw);
  }
  return { entries, invalid };
}

/**
 * True when `host` (as written in the URL or config, not what it resolves to) and `port` are listed.
 * Matching the name, not its addresses, keeps a public name that later resolves to an allowed
 * internal address from passing.
 */
export function isAllowedHost(
  entries: readonly AllowedHost[],
  host: string,
  port: number,
): boolean {
  const name = normalizeHost(host);
  return entries.some((e) => e.host === name && (e.port === undefined || e.port === port));
}
