import { pageAttachmentRefusal, whatsappMediaRefusal } from './meta-media';

describe('where Meta media is fetched from', () => {
  const graph = {};
  const custom = { apiBaseUrl: 'http://127.0.0.1:4010' };

  it('WhatsApp media: the Graph API origin and https://lookaside.fbsbx.com only', () => {
    const ok = (url: string, access = graph) => whatsappMediaRefusal(new URL(url), access) === null;
    expect(
      ok('https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1&ext=2&hash=3'),
    ).toBe(true);
    expect(ok('https://graph.facebook.com/v21.0/123')).toBe(true);
    expect(ok('http://127.0.0.1:4010/wa-media/1', custom)).toBe(true);
    expect(ok('http://lookaside.fbsbx.com/x')).toBe(false);
    expect(ok('https://lookaside.fbsbx.com:8443/x')).toBe(false);
    expect(ok('https://evil.fbsbx.com.example/x')).toBe(false);
    expect(ok('https://scontent.xx.fbcdn.net/x')).toBe(false);
    expect(ok('http://127.0.0.1:4011/x', custom)).toBe(false);
    expect(whatsappMediaRefusal(new URL('https://example.com/x'), graph)).toBe(
      'WhatsApp media is only fetched from graph.facebook.com or lookaside.fbsbx.com',
    );
  });

  it("Messenger and Instagram attachments: Meta's CDNs over https", () => {
    const ok = (url: string) => pageAttachmentRefusal(new URL(url), graph) === null;
    expect(ok('https://scontent.xx.fbcdn.net/v/t1/1_n.jpg')).toBe(true);
    expect(ok('https://cdn.fbsbx.com/v/t59/file.pdf')).toBe(true);
    expect(ok('https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1')).toBe(true);
    expect(ok('https://scontent-fra3-1.cdninstagram.com/v/x.jpg')).toBe(true);
    expect(ok('http://scontent.xx.fbcdn.net/x')).toBe(false);
    expect(ok('https://fbcdn.net.example.com/x')).toBe(false);
    expect(ok('https://169.254.169.254/latest/meta-data')).toBe(false);
  });
});
