import { channelConfigSchemas, type ChannelConfig } from '@touchpoint/shared';
import type { Channel } from '../../channel.entity';
import { InvalidChannelConfigError } from '../../channel-config';

export type WebchatChannelConfig = ChannelConfig<'webchat'>;

/** The validated config of a website chat channel (stored JSON is read defensively). */
export function webchatChannelConfig(
  channel: Pick<Channel, 'id' | 'config'>,
): WebchatChannelConfig {
  const parsed = channelConfigSchemas.webchat.safeParse(channel.config);
  if (!parsed.success)
    throw new InvalidChannelConfigError(
      `Website chat channel ${channel.id} has an invalid config: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** `scheme://host[:port]` in lower case, or null for anything that is not an http(s) origin. */
function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * May a page of `origin` (the browser's Origin header) use the chat? An empty `allowedOrigins` allows
 * every origin. Entries are origins (`https://www.example.com`, a port when not the default), or hosts
 * without a scheme (`www.example.com`: http and https). A leading `*.` allows every subdomain
 * (`https://*.example.com`, `*.example.com`), not the domain itself. A request without an Origin
 * header (not a browser) passes only when the list is empty.
 */
export function isOriginAllowed(
  origin: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (allowedOrigins.length === 0) return true;
  const given = origin ? normalizeOrigin(origin) : null;
  if (!given) return false;
  const { protocol, host } = new URL(given);
  return allowedOrigins.some((raw) => {
    const entry = raw.trim().toLowerCase();
    const scheme = /^(https?):\/\//.exec(entry);
    if (scheme && `${scheme[1]}:` !== protocol) return false;
    const pattern = scheme ? entry.slice(scheme[0].length) : entry;
    const wildcard = pattern.startsWith('*.');
    const expected = normalizeOrigin(`${protocol}//${wildcard ? pattern.slice(2) : pattern}`);
    if (!expected) return false;
    const expectedHost = new URL(expected).host;
    return wildcard ? host.endsWith(`.${expectedHost}`) : host === expectedHost;
  });
}
