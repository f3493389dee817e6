/**
 * `@name` tokens of a note, lowercased and without duplicates: `@Anna`, `@anna.schmidt`, `@Sales`.
 * An email address is not a mention (the `@` must start a word).
 */
export function parseMentions(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(
    /(?:^|[^\p{L}\p{N}._%+-])@([\p{L}\p{N}][\p{L}\p{N}._-]{0,60})/gu,
  )) {
    found.add(match[1].replace(/[._-]+$/, '').toLowerCase());
  }
  return [...found];
}
