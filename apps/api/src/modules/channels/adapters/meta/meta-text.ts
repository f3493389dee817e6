/** How long one message's text may be on each Meta channel, and how Meta measures it. */
export const TEXT_LIMITS = {
  /** WhatsApp: 4096 characters of `text.body`. */
  whatsapp: { max: 4096, measure: (s: string) => s.length },
  /** Messenger: 2000 characters. */
  messenger: { max: 2000, measure: (s: string) => s.length },
  /** Instagram: 1000 bytes of UTF-8 (umlauts and emoji count more than once). */
  instagram: { max: 1000, measure: (s: string) => Buffer.byteLength(s, 'utf8') },
} as const;

/**
 * Splits a reply into texts the channel takes, preferring paragraph, line and word breaks in the
 * second half of each piece; a surrogate pair (an emoji) is never cut. Whitespace-only pieces are
 * dropped: Meta refuses empty texts.
 */
export function splitText(
  text: string,
  { max, measure }: { max: number; measure: (s: string) => number },
): string[] {
  const parts: string[] = [];
  let rest = text;
  while (measure(rest) > max) {
    const cut = breakPoint(rest, max, measure);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut);
  }
  parts.push(rest);
  return parts.filter((p) => p.trim().length > 0);
}

function breakPoint(text: string, max: number, measure: (s: string) => number): number {
  // The longest prefix that fits, found by halving (measures may count bytes, not characters).
  let low = 1;
  let high = Math.min(text.length, max);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(text.slice(0, mid)) <= max) low = mid;
    else high = mid - 1;
  }
  let fits = low;
  const last = text.charCodeAt(fits - 1);
  if (fits > 1 && last >= 0xd800 && last <= 0xdbff) fits -= 1;
  const window = text.slice(0, fits);
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(separator);
    if (at >= fits / 2) return at + separator.length;
  }
  return fits;
}
