import { createHash } from 'node:crypto';

/** Local part of the address a reply must go to so it lands in its conversation: `reply+<token>@domain`. */
const REPLY_LOCAL_PART = /^reply\+([A-Za-z0-9_-]{1,64})$/i;
/** Our own Message-IDs carry the message id, so a bounce can name the message even without our records. */
const OUR_MESSAGE_ID =
  /^<touchpoint\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@[^>]+>$/i;
const REPLY_PREFIX = /^\s*(re|aw|antw|antwort|sv|vs|odp|r)\s*(\[\d+\])?\s*:/i;

/** Lowercased domain of an address (`''` when there is none). */
export function domainOf(address: string | null | undefined): string {
  if (!address) return '';
  const at = address.lastIndexOf('@');
  return at < 0
    ? ''
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

export function replyAddress(token: string, domain: string): string {
  return `reply+${token}@${domain}`;
}

/**
 * The token of a `reply+<token>@domain` address, or undefined. With `domains`, only addresses at one of
 * them count: a foreign helpdesk's reply address in Cc must not thread into our conversations.
 */
export function replyTokenOf(address: string, domains?: readonly string[]): string | undefined {
  const at = address.lastIndexOf('@');
  if (at < 0) return undefined;
  const match = REPLY_LOCAL_PART.exec(address.slice(0, at).trim());
  if (!match) return undefined;
  if (domains && !domains.includes(domainOf(address))) return undefined;
  return match[1];
}

/** `Re: <subject>` without stacking prefixes (a German `AW:` counts as one). */
export function replySubject(subject: string | null | undefined, fallback: string): string {
  const base = (subject ?? '').replace(/\s+/g, ' ').trim();
  if (!base) return `Re: ${fallback}`;
  return REPLY_PREFIX.test(base) ? base : `Re: ${base}`;
}

/** Every `<id>` in a Message-ID, In-Reply-To or References value, in order, without duplicates. */
export function messageIdsIn(value: string | readonly string[] | null | undefined): string[] {
  if (!value) return [];
  const text = typeof value === 'string' ? value : value.join(' ');
  const ids: string[] = text.match(/<[^<>\s]+>/g) ?? [];
  if (!ids.length) {
    // Some clients omit the angle brackets; a bare token that looks like an id is still an id.
    const bare = text.trim();
    if (/^[^<>\s]+@[^<>\s]+$/.test(bare)) ids.push(`<${bare}>`);
  }
  return [...new Set(ids)];
}

/** The Message-ID of a message we send: `<touchpoint.<message id>@<domain>>`. */
export function ourMessageId(messageId: string, domain: string): string {
  return `<touchpoint.${messageId}@${domain}>`;
}

/** Our message id inside one of our Message-IDs, e.g. the one a bounce quotes. */
export function messageIdOfOurs(emailMessageId: string): string | undefined {
  return OUR_MESSAGE_ID.exec(emailMessageId.trim())?.[1]?.toLowerCase();
}

/** Header block of a raw message (up to the first empty line), unfolded. */
function rawHeaderLines(raw: Buffer): string[] {
  const head = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const block = end < 0 ? head : head.slice(0, end);
  return block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
}

/** One header of a raw message without parsing it (the SMTP session only needs the Message-ID). */
export function rawHeader(raw: Buffer, name: string): string | undefined {
  const prefix = `${name.toLowerCase()}:`;
  const line = rawHeaderLines(raw).find((l) => l.toLowerCase().startsWith(prefix));
  return line?.slice(prefix.length).trim();
}

/**
 * The dedup key of an email: its Message-ID, or a hash of the bytes when it has none. Intake (SMTP,
 * IMAP) and parsing use this same function, so a redelivery is recognised at every step.
 */
export function emailProviderMessageId(raw: Buffer): string {
  const [id] = messageIdsIn(rawHeader(raw, 'message-id'));
  if (id && id.length <= 500) return id;
  return `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}
