import { splitTelegramText, TELEGRAM_TEXT_LIMIT } from './telegram-text';

describe('splitTelegramText', () => {
  it('leaves a text within the limit as it is', () => {
    expect(splitTelegramText('Hallo 👋')).toEqual(['Hallo 👋']);
    expect(splitTelegramText('x'.repeat(TELEGRAM_TEXT_LIMIT))).toHaveLength(1);
  });

  it('breaks at paragraphs, then lines, then words, in the second half of a piece', () => {
    expect(splitTelegramText('aaaa bbbb\n\ncccc', 12)).toEqual(['aaaa bbbb', 'cccc']);
    expect(splitTelegramText('aaaa bbbb\ncccc dd', 12)).toEqual(['aaaa bbbb', 'cccc dd']);
    expect(splitTelegramText('aaaa bbbb cccc', 12)).toEqual(['aaaa bbbb', 'cccc']);
    // A break in the first half would leave a tiny piece: cut hard instead.
    expect(splitTelegramText('ab cdefghijklmnop', 10)).toEqual(['ab cdefghi', 'jklmnop']);
  });

  it('never cuts an emoji (a surrogate pair) in two', () => {
    const parts = splitTelegramText(`${'x'.repeat(9)}😀yyyy`, 10);
    expect(parts).toEqual(['x'.repeat(9), '😀yyyy']);
    expect(parts.join('')).toBe(`${'x'.repeat(9)}😀yyyy`);
  });

  it('keeps every piece within the limit and drops whitespace-only pieces', () => {
    const text = Array.from({ length: 50 }, (_, i) => `Satz ${i} ${'wort '.repeat(30)}`).join('\n');
    const parts = splitTelegramText(text, 500);
    expect(parts.every((p) => p.length <= 500 && p.trim().length > 0)).toBe(true);
    expect(parts.join(' ').replace(/\s+/g, ' ').trim()).toBe(text.replace(/\s+/g, ' ').trim());
    expect(splitTelegramText('   \n  ')).toEqual([]);
  });
});
