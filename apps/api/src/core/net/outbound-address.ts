import ipaddr from 'ipaddr.js';

/** Why each non-public range is refused, in words an admin understands. */
const RANGE_NAMES: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address',
  carrierGradeNat: 'a shared (carrier-grade NAT) address',
  private: 'a private address',
  reserved: 'a reserved address',
  uniqueLocal: 'a unique-local address',
  '6to4': 'a 6to4 relay address',
  teredo: 'a Teredo tunnel address',
  benchmarking: 'a benchmarking address',
  discard: 'a discard-only address',
  orchid2: 'an ORCHID address',
  as112: 'an AS112 address',
  as112v6: 'an AS112 address',
  amt: 'an AMT address',
  deprecated: 'a deprecated address',
  droneRemoteIdProtocolEntityTags: 'a reserved address',
};

/** IPv6 ranges that carry an IPv4 address in their last 32 bits: the IPv4 address decides. */
const EMBEDS_IPV4 = new Set(['ipv4Mapped', 'rfc6052', 'rfc6145']);

/**
 * The address `host` names when it is an IP literal in any form a resolver accepts (`127.1`,
 * `2130706433`, `0x7f.1`, `[::1]`), normalised; undefined for a host name.
 */
export function ipLiteral(host: string): string | undefined {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(bare)) return undefined;
  return ipaddr.parse(bare).toString();
}

/** Lowercase, without brackets or a trailing dot; IP literals in their canonical form. */
export function normalizeHost(host: string): string {
  const lower = host.trim().toLowerCase().replace(/\.$/, '');
  return ipLiteral(lower) ?? lower;
}

/**
 * Why a connection to `address` (an IP) must not be made, e.g. "a loopback address"; undefined for a
 * public unicast address. Everything that is not public unicast is refused.
 */
export function refusalOf(address: string): string | undefined {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[(.*)\]$/, '$1'));
  } catch {
    return 'not an IP address';
  }
  const range = parsed.range();
  if (range === 'unicast') return undefined;
  if (parsed.kind() === 'ipv6' && EMBEDS_IPV4.has(range)) {
    const bytes = (parsed as ipaddr.IPv6).toByteArray().slice(12);
    const embedded = refusalOf(ipaddr.fromByteArray(bytes).toString());
    return embedded ? `${embedded} in IPv6 form` : undefined;
  }
  if (range === 'linkLocal' && address === '169.254.169.254')
    return 'a link-local (cloud metadata) address';
  return RANGE_NAMES[range] ?? 'a non-public address';
}
