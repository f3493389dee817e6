/** What `ts_headline` puts around a found word: control characters no text of ours keeps. */
export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** Longest snippet handed out, in characters (a "word" may be a long link). */
const SNIPPET_MAX = 400;

/**
 * A marked headline as plain text and the ranges of its found words, so that clients mark them as
 * they like (React elements, terminal colours) and nothing is ever parsed as HTML. Whitespace runs
 * (an email's line breaks) become one space.
 */
export function toSnippet(marked: string): { snippet: string; highlights: [number, number][] } {
  const flat = marked.replace(/\s+/g, ' ').trim();
  const highlights: [number, number][] = [];
  let snippet = '';
  let start: number | null = null;
  for (const ch of flat) {
    if (ch === MARK_START) start = snippet.length;
    else if (ch === MARK_END) {
      if (start !== null && snippet.length > start) highlights.push([start, snippet.length]);
      start = null;
    } else snippet += ch;
  }
  if (start !== null && snippet.length > start) highlights.push([start, snippet.length]);
  if (snippet.length <= SNIPPET_MAX) return { snippet, highlights };
  const cut = SNIPPET_MAX - 1;
  return {
    snippet: `${snippet.slice(0, cut)}…`,
    highlights: highlights
      .filter(([from]) => from < cut)
      .map(([from, to]): [number, number] => [from, Math.min(to, cut)]),
  };
}
