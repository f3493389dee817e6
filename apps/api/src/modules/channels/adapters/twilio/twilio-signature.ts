import { createHmac, timingSafeEqual } from 'node:crypto';

/** Twilio signs every webhook request with the account's Auth Token. */
export const SIGNATURE_HEADER = 'x-twilio-signature';
/**
 * Present when a webhook is signed with a SharedKey instead of the Auth Token (and may name
 * HMAC_SHA256). A channel only holds the Auth Token, so such requests cannot be checked here.
 */
export const SIGNATURE_SETTINGS_HEADER = 'x-twilio-webhooks-signature-settings';

/** Form parameters as Twilio posted them; a name sent twice keeps every value. */
export type TwilioParams = Record<string, string | string[]>;

/**
 * The parameters of an `application/x-www-form-urlencoded` body. Read from the raw bytes rather than
 * the parsed body, so the signature covers exactly what arrived (every value of a repeated name).
 */
export function formParams(raw: Buffer | string | undefined): TwilioParams {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(raw ? raw.toString() : '')) {
    const values = grouped.get(name);
    if (values) values.push(value);
    else grouped.set(name, [value]);
  }
  // fromEntries defines own properties: a parameter named `__proto__` stays a parameter.
  return Object.fromEntries(
    [...grouped].map(([name, values]) => [name, values.length === 1 ? values[0] : values]),
  );
}

/**
 * The URL Twilio requested, as it signed it: the configured public address with the request's path
 * and query. Behind a proxy the request's own host and scheme are the proxy's, so they are not used.
 */
export function webhookUrl(publicUrl: string, originalUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${originalUrl.startsWith('/') ? '' : '/'}${originalUrl}`;
}

/**
 * `X-Twilio-Signature`: base64 HMAC-SHA1 with the Auth Token over the full URL followed by every POST
 * parameter, sorted by name, as name and value with nothing between (a repeated name once per
 * distinct value, values sorted). https://www.twilio.com/docs/usage/security#validating-requests
 */
export function twilioSignature(authToken: string, url: string, params: TwilioParams): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + paramText(name, params[name]), url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/**
 * Whether `given` is Twilio's signature of this request. Twilio may sign the URL with or without a
 * port, so it is tried as given, without its port and with the scheme's default one (as Twilio's own
 * libraries do). Compared in constant time.
 */
export function signatureMatches(
  authToken: string,
  given: string | string[] | undefined,
  url: string,
  params: TwilioParams,
): boolean {
  const value = Array.isArray(given) ? given[0] : given;
  if (!value || !authToken) return false;
  const presented = Buffer.from(value);
  let valid = false;
  // Every candidate is computed and compared: the time taken does not depend on which one matched.
  for (const candidate of new Set([url, withoutPort(url), withDefaultPort(url)])) {
    const expected = Buffer.from(twilioSignature(authToken, candidate, params));
    if (expected.length === presented.length && timingSafeEqual(expected, presented)) valid = true;
  }
  return valid;
}

function paramText(name: string, value: string | string[]): string {
  if (!Array.isArray(value)) return name + value;
  return [...new Set(value)]
    .sort()
    .map((v) => name + v)
    .join('');
}

/** `scheme://authority` and the rest, without normalising anything (the signed string is exact). */
function splitUrl(
  url: string,
): { origin: string; host: string; port: string; rest: string } | null {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!match) return null;
  const [prefix, scheme, authority] = match;
  const portStart = authority.indexOf(':', authority.lastIndexOf(']') + 1);
  return {
    origin: scheme,
    host: portStart === -1 ? authority : authority.slice(0, portStart),
    port: portStart === -1 ? '' : authority.slice(portStart),
    rest: url.slice(prefix.length),
  };
}

function withoutPort(url: string): string {
  const parts = splitUrl(url);
  return parts ? `${parts.origin}${parts.host}${parts.rest}` : url;
}

function withDefaultPort(url: string): string {
  const parts = splitUrl(url);
  if (!parts || parts.port) return url;
  const port = parts.origin.toLowerCase() === 'https://' ? ':443' : ':80';
  return `${parts.origin}${parts.host}${port}${parts.rest}`;
}
