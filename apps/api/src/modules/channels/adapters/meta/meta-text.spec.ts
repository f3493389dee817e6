import { splitText, TEXT_LIMITS } from './meta-text';

describe('splitText', () => {
  it('keeps a text within the limit whole', () => {
    expect(splitText('Hallo 👋', TEXT_LIMITS.instagram)).toEqual(['Hallo 👋']);
    expect(splitText('   ', TEXT_LIMITS.whatsapp)).toEqual([]);
  });

  it('splits at paragraph breaks within the limit', () => {
    const paragraphs = [1, 2, 3].map((n) => `Teil ${n}: ${'Wort '.repeat(300).trim()}`);
    const parts = splitText(paragraphs.join('\n\n'), TEXT_LIMITS.messenger);
    expect(parts).toEqual(paragraphs);
  });

  it('counts Instagram in UTF-8 bytes and never cuts an emoji in two', () => {
    const text = 'ü😀'.repeat(400);
    const parts = splitText(text, TEXT_LIMITS.instagram);
    expect(parts.join('')).toBe(text);
    for (const part of parts) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(1000);
      expect(part).not.toMatch(/[\ud800-\udbff]$/);
    }
  });
});
