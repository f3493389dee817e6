import {
  findIllFormedText,
  isWellFormedText,
  toWellFormedText,
  withWellFormedText,
} from './well-formed-text';

describe('well-formed text', () => {
  it('accepts ordinary text, umlauts and surrogate pairs (emoji)', () => {
    expect(isWellFormedText('Grüße 👍 ok')).toBe(true);
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', 'a\udc00b'],
    ['a high surrogate at the end', 'ab\ud83d'],
    ['two high surrogates', '\ud83d\ud83d\udc4d'],
  ])('refuses %s', (_what, s) => {
    expect(isWellFormedText(s)).toBe(false);
  });

  it('replaces each offending code unit by U+FFFD and keeps pairs', () => {
    expect(toWellFormedText('a\u0000b\ud800c👍\udc00')).toBe('a\ufffdb\ufffdc👍\ufffd');
  });

  it('names the path of the first offending value or key', () => {
    expect(findIllFormedText({ a: ['ok', { b: 'x\u0000' }] })).toEqual(['a', 1, 'b']);
    expect(findIllFormedText({ config: { 'k\ud800': 1 } })).toEqual(['config', 'k\ud800']);
    expect(findIllFormedText({ a: 'fine', n: 1, z: null })).toBeNull();
  });

  it('walks nesting deeper than the call stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findIllFormedText(deep)).toHaveLength(100_000);
  });

  it('cleans a copy, says whether it replaced anything, and leaves buffers alone', () => {
    const content = Buffer.from([0, 1, 2]);
    const input = { text: 'a\u0000', list: ['\ud800'], content, n: 3 };
    const { value, replaced } = withWellFormedText(input);
    expect(replaced).toBe(true);
    expect(value).toEqual({ text: 'a\ufffd', list: ['\ufffd'], content, n: 3 });
    expect(value.content).toBe(content);
    expect(input.text).toBe('a\u0000');
    expect(withWellFormedText({ text: 'fine' }).replaced).toBe(false);
  });
});
