/** Longest text of one Telegram message, in UTF-16 code units as the Bot API counts them. */
export const TELEGRAM_TEXT_LIMIT = 4096;

/**
 * Splits a reply into texts Telegram takes, preferring paragraph, line and word breaks in the second
 * half of each piece; a surrogate pair (an emoji) is never cut. Whitespace-only pieces are dropped:
 * Telegram refuses empty texts.
 */
export function splitTelegramText(text: string, max = TELEGRAM_TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = breakPoint(rest, max);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut);
  }
  parts.push(rest);
  return parts.filter((p) => p.trim().length > 0);
}

function breakPoint(text: string, max: number): number {
  const window = text.slice(0, max);
  for (const separator of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(separator);
    if (at >= max / 2) return at + separator.length;
  }
  const last = text.charCodeAt(max - 1);
  return last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
}
