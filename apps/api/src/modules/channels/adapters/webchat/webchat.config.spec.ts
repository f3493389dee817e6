import { isOriginAllowed } from './webchat.config';

describe('allowed origins of a website chat', () => {
  it('allows every origin when the list is empty', () => {
    expect(isOriginAllowed('https://anything.example', [])).toBe(true);
    expect(isOriginAllowed(undefined, [])).toBe(true);
  });

  it('matches scheme, host and port exactly, ignoring case and paths', () => {
    const allowed = ['https://Shop.Example.com', 'http://localhost:8080/'];
    expect(isOriginAllowed('https://shop.example.com', allowed)).toBe(true);
    expect(isOriginAllowed('http://localhost:8080', allowed)).toBe(true);
    expect(isOriginAllowed('http://shop.example.com', allowed)).toBe(false);
    expect(isOriginAllowed('https://shop.example.com:8443', allowed)).toBe(false);
    expect(isOriginAllowed('http://localhost:8081', allowed)).toBe(false);
    expect(isOriginAllowed('https://shop.example.com.evil.test', allowed)).toBe(false);
    expect(isOriginAllowed(undefined, allowed)).toBe(false);
    expect(isOriginAllowed('null', allowed)).toBe(false);
  });

  it('matches subdomains of a wildcard entry, not the bare domain', () => {
    const allowed = ['https://*.example.com'];
    expect(isOriginAllowed('https://www.example.com', allowed)).toBe(true);
    expect(isOriginAllowed('https://a.b.example.com', allowed)).toBe(true);
    expect(isOriginAllowed('https://example.com', allowed)).toBe(false);
    expect(isOriginAllowed('https://evilexample.com', allowed)).toBe(false);
    expect(isOriginAllowed('http://www.example.com', allowed)).toBe(false);
  });
});

describe('allowed origins without a scheme', () => {
  it('match the host on http and https', () => {
    const allowed = ['Shop.Example.com', '*.example.org', 'localhost:8080'];
    expect(isOriginAllowed('https://shop.example.com', allowed)).toBe(true);
    expect(isOriginAllowed('http://shop.example.com', allowed)).toBe(true);
    expect(isOriginAllowed('https://www.shop.example.com', allowed)).toBe(false);
    expect(isOriginAllowed('https://a.example.org', allowed)).toBe(true);
    expect(isOriginAllowed('https://example.org', allowed)).toBe(false);
    expect(isOriginAllowed('http://localhost:8080', allowed)).toBe(true);
    expect(isOriginAllowed('http://localhost', allowed)).toBe(false);
  });
});
