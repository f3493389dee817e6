/**
 * "Anna", "Anna and Ben", "Anna, Ben and Carl"; beyond `max` names the rest is summed up by
 * `more(count)` ("Anna, Ben, Carl and 2 more"). In the locale's words for "and".
 */
export function peopleList(
  names: readonly string[],
  locale: string,
  more: (count: number) => string,
  max = 3,
): string {
  const shown = names.length > max ? [...names.slice(0, max), more(names.length - max)] : names;
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(shown);
}
