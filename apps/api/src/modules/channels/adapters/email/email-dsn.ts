import { messageIdsIn } from './email-address';

/** One recipient block of a delivery status notification (RFC 3464). */
export interface DsnRecipient {
  recipient?: string;
  /** failed | delayed | delivered | relayed | expanded */
  action: string;
  status?: string;
  diagnostic?: string;
}

export interface DeliveryReport {
  recipients: DsnRecipient[];
  /** Message-ID of the message the report is about, from its attached headers. */
  originalMessageId?: string;
}

interface MimePart {
  headers: Map<string, string>;
  type: string;
  params: Record<string, string>;
  body: Buffer;
}

/**
 * Only the structure a DSN needs is read here, because mailparser folds the machine-readable
 * `message/delivery-status` part into the text and drops its fields.
 */
function readPart(buf: Buffer): MimePart {
  const text = buf.toString('latin1');
  const match = /\r?\n\r?\n/.exec(text);
  const headEnd = match ? match.index : text.length;
  const bodyStart = match ? match.index + match[0].length : text.length;
  const headers = readFields(text.slice(0, headEnd));
  const { type, params } = contentType(headers.get('content-type') ?? 'text/plain');
  const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  // latin1 maps bytes 1:1, so string offsets are byte offsets.
  let body = buf.subarray(bodyStart);
  if (encoding === 'base64') body = Buffer.from(body.toString('latin1'), 'base64');
  else if (encoding === 'quoted-printable') body = decodeQuotedPrintable(body.toString('latin1'));
  return { headers, type, params, body };
}

/** Header-style fields (`Name: value`, folded lines joined); the first occurrence of a name wins. */
function readFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

function contentType(value: string): { type: string; params: Record<string, string> } {
  const [type, ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    params[p.slice(0, eq).trim().toLowerCase()] = p
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase(), params };
}

function decodeQuotedPrintable(text: string): Buffer {
  const bytes: number[] = [];
  const clean = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < clean.length; i++) {
    const hex = clean[i] === '=' ? clean.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(clean.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

function children(part: MimePart): MimePart[] {
  const boundary = part.params['boundary'];
  if (!part.type.startsWith('multipart/') || !boundary) return [];
  const text = part.body.toString('latin1');
  const delimiter = `--${boundary}`;
  const pieces = text.split(
    new RegExp(`(?:^|\\r?\\n)${escapeRegExp(delimiter)}(?:--)?[ \\t]*(?:\\r?\\n|$)`),
  );
  // First piece is the preamble, the last after the closing delimiter the epilogue.
  return pieces
    .slice(1, -1)
    .filter((p) => p.trim() !== '')
    .map((p) => readPart(Buffer.from(p, 'latin1')));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function walk(part: MimePart, visit: (p: MimePart) => void): void {
  visit(part);
  for (const child of children(part)) walk(child, visit);
}

/** The delivery report in a raw message, or undefined when it is no `multipart/report; report-type=delivery-status`. */
export function readDeliveryReport(raw: Buffer): DeliveryReport | undefined {
  const root = readPart(raw);
  let isReport = false;
  const recipients: DsnRecipient[] = [];
  let originalMessageId: string | undefined;
  walk(root, (part) => {
    if (
      part.type === 'multipart/report' &&
      /delivery-status/i.test(part.params['report-type'] ?? '')
    )
      isReport = true;
    if (part.type === 'message/delivery-status' || part.type === 'message/global-delivery-status') {
      recipients.push(...readStatusFields(part.body.toString('utf8')));
    }
    if (
      !originalMessageId &&
      [
        'message/rfc822',
        'text/rfc822-headers',
        'message/global',
        'message/global-headers',
      ].includes(part.type)
    ) {
      originalMessageId = messageIdsIn(readPart(part.body).headers.get('message-id'))[0];
    }
  });
  if (!isReport) return undefined;
  originalMessageId ??= messageIdsIn(root.headers.get('in-reply-to'))[0];
  return { recipients, originalMessageId };
}

/** Per-recipient blocks follow the per-message block, separated by empty lines. */
function readStatusFields(text: string): DsnRecipient[] {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map(readFields)
    .filter((f) => f.has('action'))
    .map((f) => ({
      recipient: f.get('final-recipient')?.replace(/^[^;]*;\s*/, ''),
      action: (f.get('action') ?? '').toLowerCase(),
      status: f.get('status'),
      diagnostic: f.get('diagnostic-code')?.replace(/^[^;]*;\s*/, ''),
    }));
}

/**
 * A bounce some servers still send as plain text (no DSN): the original Message-ID is quoted in the
 * body. Returns it with the first line that reads like the reason.
 */
export function readPlainBounce(
  text: string,
): { originalMessageId: string; reason: string } | undefined {
  const idLine = /^\s*Message-ID:\s*(<[^<>\s]+>)/im.exec(text);
  if (!idLine) return undefined;
  const reason =
    /^.*\b(5\d\d|[45]\.\d{1,3}\.\d{1,3})\b.*$/m.exec(text)?.[0]?.trim() ??
    'The recipient server did not accept the message';
  return { originalMessageId: idLine[1], reason: reason.slice(0, 500) };
}
