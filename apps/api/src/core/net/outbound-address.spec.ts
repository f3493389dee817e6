import { ipLiteral, normalizeHost, refusalOf } from './outbound-address';
import { isAllowedHost, parseAllowHosts } from './outbound-allow-list';

describe('refusalOf', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['::ffff:127.0.0.1', 'a loopback address in IPv6 form'],
    ['::ffff:10.1.2.3', 'a private address in IPv6 form'],
    ['64:ff9b::a9fe:a9fe', 'a link-local (cloud metadata) address in IPv6 form'],
    ['0.0.0.0', 'an unspecified address'],
    ['::', 'an unspecified address'],
    ['10.0.0.1', 'a private address'],
    ['172.16.5.4', 'a private address'],
    ['192.168.1.1', 'a private address'],
    ['169.254.169.254', 'a link-local (cloud metadata) address'],
    ['169.254.1.1', 'a link-local address'],
    ['fe80::1', 'a link-local address'],
    ['100.64.0.1', 'a shared (carrier-grade NAT) address'],
    ['fd00::1', 'a unique-local address'],
    ['224.0.0.1', 'a multicast address'],
    ['ff02::1', 'a multicast address'],
    ['255.255.255.255', 'a broadcast address'],
    ['192.0.2.1', 'a reserved address'],
    ['240.0.0.1', 'a reserved address'],
    ['2002:7f00:1::', 'a 6to4 relay address'],
  ])('refuses %s as %s', (address, reason) => {
    expect(refusalOf(address)).toBe(reason);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:93.184.216.34'])(
    'lets the public address %s through',
    (address) => {
      expect(refusalOf(address)).toBeUndefined();
    },
  );
});

describe('ipLiteral / normalizeHost', () => {
  it.each([
    ['2130706433', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['[::1]', '::1'],
    ['[::ffff:127.0.0.1]', '::ffff:7f00:1'],
  ])('reads %s as the IP literal %s', (host, address) => {
    expect(ipLiteral(host)).toBe(address);
    expect(refusalOf(ipLiteral(host) as string)).toMatch(/loopback/);
  });

  it('leaves host names as names, lowercased and without a trailing dot', () => {
    expect(ipLiteral('mail.example.com')).toBeUndefined();
    expect(normalizeHost('Mail.Example.COM.')).toBe('mail.example.com');
  });
});

describe('OUTBOUND_ALLOW_HOSTS', () => {
  const { entries, invalid } = parseAllowHosts(
    '127.0.0.1:4010, mail.intranet.example ,[::1]:25,fd00::7,',
  );

  it('parses host and host:port entries', () => {
    expect(invalid).toEqual([]);
    expect(entries).toEqual([
      { host: '127.0.0.1', port: 4010 },
      { host: 'mail.intranet.example', port: undefined },
      { host: '::1', port: 25 },
      { host: 'fd00::7', port: undefined },
    ]);
  });

  it('allows a listed host:port only on that port', () => {
    expect(isAllowedHost(entries, '127.0.0.1', 4010)).toBe(true);
    // Other spellings of the same address match too.
    expect(isAllowedHost(entries, '2130706433', 4010)).toBe(true);
    expect(isAllowedHost(entries, '127.0.0.1', 4011)).toBe(false);
    expect(isAllowedHost(entries, '[::1]', 25)).toBe(true);
    expect(isAllowedHost(entries, '::1', 26)).toBe(false);
  });

  it('allows a listed host without a port on any port', () => {
    expect(isAllowedHost(entries, 'MAIL.intranet.example', 993)).toBe(true);
    expect(isAllowedHost(entries, 'mail.intranet.example', 25)).toBe(true);
    expect(isAllowedHost(entries, '[fd00::7]', 443)).toBe(true);
  });

  it('matches the name as written, not what it resolves to', () => {
    expect(isAllowedHost(entries, 'localhost', 4010)).toBe(false);
    expect(isAllowedHost(entries, 'other.intranet.example', 25)).toBe(false);
    expect(isAllowedHost(entries, 'intranet.example', 25)).toBe(false);
  });

  it('lists entries that are not host or host:port', () => {
    expect(parseAllowHosts('a b,host:99999,host:x,*.example.com,ok.example').invalid).toEqual([
      'a b',
      'host:99999',
      'host:x',
      '*.example.com',
    ]);
  });
});
