import { MARK_END, MARK_START, toSnippet } from './search-snippet';

const mark = (word: string) => `${MARK_START}${word}${MARK_END}`;

describe('search snippets', () => {
  it('gives the plain text and where the found words are', () => {
    const { snippet, highlights } = toSnippet(
      `anbei die ${mark('Rechnung')} für März,\n\n  bitte ${mark('Rechnungen')} prüfen`,
    );
    expect(snippet).toBe('anbei die Rechnung für März, bitte Rechnungen prüfen');
    expect(highlights.map(([from, to]) => snippet.slice(from, to))).toEqual([
      'Rechnung',
      'Rechnungen',
    ]);
  });

  it('never passes markup through as markup: it is text like any other', () => {
    const { snippet, highlights } = toSnippet(`<b>${mark('invoice')}</b>`);
    expect(snippet).toBe('<b>invoice</b>');
    expect(highlights).toEqual([[3, 10]]);
  });

  it('counts offsets as JavaScript does (UTF-16), past emoji', () => {
    const { snippet, highlights } = toSnippet(`😀 ${mark('offer')}`);
    expect(snippet.slice(...highlights[0])).toBe('offer');
  });

  it('cuts a very long snippet and the ranges with it', () => {
    const { snippet, highlights } = toSnippet(`${'x'.repeat(395)} ${mark('invoice')}`);
    expect(snippet.length).toBe(400);
    expect(snippet.endsWith('…')).toBe(true);
    expect(highlights).toEqual([[396, 399]]);
  });
});
