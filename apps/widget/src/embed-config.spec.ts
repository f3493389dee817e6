import { findEmbedScript, readEmbedConfig } from './embed-config';

function script(attrs: Record<string, string>): HTMLScriptElement {
  const el = document.createElement('script');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.head.append(el);
  return el;
}

describe('embed config', () => {
  afterEach(() => document.head.replaceChildren());

  it('reads the channel, identity and language from the tag, the server from its src', () => {
    const el = script({
      src: 'https://inbox.example.com/widget.js?v=2',
      'data-channel': ' 7d2f0f1c-1111-4c2a-9a8e-0d9c3b1e2f3a ',
      'data-identifier': 'cust-42',
      'data-identifier-hash': 'abc123',
      'data-name': 'Karla',
      'data-email': '',
      'data-lang': 'de',
    });
    expect(readEmbedConfig(el)).toEqual({
      serverUrl: 'https://inbox.example.com',
      channelId: '7d2f0f1c-1111-4c2a-9a8e-0d9c3b1e2f3a',
      identity: { identifier: 'cust-42', identifierHash: 'abc123', name: 'Karla' },
      lang: 'de',
    });
  });

  it('resolves a relative src against the page and needs a channel', () => {
    const el = script({ src: '/widget.js', 'data-channel': 'c1' });
    expect(readEmbedConfig(el)?.serverUrl).toBe(window.location.origin);
    expect(readEmbedConfig(script({ src: '/widget.js' }))).toBeNull();
  });

  it('finds the tag when currentScript is not set (async scripts after the fact)', () => {
    script({ src: '/other.js' });
    const el = script({ src: 'https://inbox.example.com/widget.js', 'data-channel': 'c1' });
    expect(findEmbedScript(document)).toBe(el);
  });
});
