/** Twilio refuses a longer `Body` (error 21617), for SMS and WhatsApp alike. */
export const TWILIO_BODY_LIMIT = 1600;

/**
 * A reply in parts Twilio takes, cut at a paragraph, else a line, else a space, never inside a
 * character (a surrogate pair stays whole). Empty text has no parts.
 */
export function splitTwilioBody(text: string, limit = TWILIO_BODY_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = [window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' ')].find(
      (at) => at > limit / 2,
    );
    if (cut === undefined) {
      cut = limit;
      // Between the halves of a surrogate pair: cut before the pair instead.
      if (/[\uD800-\uDBFF]/.test(rest[cut - 1])) cut -= 1;
    }
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}
