import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { normalizeAddress } from '../../../contacts/identity-address';
import {
  UnparseablePayloadError,
  type InboundAttachment,
  type ParseResult,
} from '../../channel-adapter';
import {
  emailProviderMessageId,
  messageIdOfOurs,
  messageIdsIn,
  rawHeader,
  replyTokenOf,
} from './email-address';
import { automaticMessageReason, type HeaderReader } from './email-auto-reply';
import { readDeliveryReport, readPlainBounce } from './email-dsn';
import { htmlToText, sanitizeEmailHtml } from './email-html.sanitizer';
import { splitQuotedText } from './email-quote-splitter';

/** SMTP envelope of a received message: `from` is `''` for `MAIL FROM:<>`. */
export interface EmailEnvelope {
  from: string;
  to: string[];
}

export interface EmailParseOptions {
  envelope?: EmailEnvelope;
  /** Domains of our `reply+<token>@` addresses (the channel's); tokens at other domains are not ours. */
  replyDomains: readonly string[];
}

const BOUNCE_SENDER = /^(mailer-daemon|postmaster)@/i;
const BOUNCE_SUBJECT =
  /(undeliver|undelivered|delivery (status notification|failure|has failed)|returned mail|mail delivery failed|failure notice|unzustellbar|nicht zustellbar)/i;

function headerReader(mail: ParsedMail): HeaderReader {
  return (name) => {
    const line = mail.headerLines.find((h) => h.key === name)?.line;
    if (line === undefined) return undefined;
    return line
      .slice(line.indexOf(':') + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
  };
}

function addresses(
  value: AddressObject | AddressObject[] | undefined,
): { address: string; name: string }[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return objects.flatMap((o) =>
    o.value.flatMap((a) => [a, ...(a.group ?? [])]).filter((a) => Boolean(a.address)),
  ) as { address: string; name: string }[];
}

function deliveryResult(
  raw: Buffer,
  mail: ParsedMail,
  from: string | undefined,
  nullSender: boolean,
): ParseResult | undefined {
  const report = readDeliveryReport(raw);
  if (report) {
    if (!report.originalMessageId)
      return { kind: 'ignored', reason: 'delivery report without the original Message-ID' };
    const failed = report.recipients.filter((r) => r.action === 'failed');
    const delivered = report.recipients.filter((r) =>
      ['delivered', 'relayed', 'expanded'].includes(r.action),
    );
    if (!failed.length && !delivered.length)
      return { kind: 'ignored', reason: 'delivery delayed (the sending server keeps trying)' };
    const messageId = messageIdOfOurs(report.originalMessageId);
    const error = failed
      .map((r) =>
        [r.recipient, r.diagnostic ?? `status ${r.status ?? 'unknown'}`].filter(Boolean).join(': '),
      )
      .join('; ')
      .slice(0, 1000);
    return {
      kind: 'delivery',
      updates: [
        {
          providerMessageId: report.originalMessageId,
          ...(messageId ? { messageId } : {}),
          ...(failed.length
            ? { status: 'failed' as const, error }
            : { status: 'delivered' as const }),
        },
      ],
    };
  }

  const reportType = contentTypeParam(raw, 'report-type');
  if (/disposition-notification/i.test(reportType ?? ''))
    return { kind: 'ignored', reason: 'read receipt' };

  const looksLikeBounce =
    (nullSender || BOUNCE_SENDER.test(from ?? '')) && BOUNCE_SUBJECT.test(mail.subject ?? '');
  if (!looksLikeBounce) return undefined;
  const attached = mail.attachments.find((a) =>
    ['message/rfc822', 'text/rfc822-headers'].includes(a.contentType),
  );
  const attachedId = attached
    ? messageIdsIn(rawHeader(attached.content, 'message-id'))[0]
    : undefined;
  const plain = readPlainBounce(mail.text ?? '');
  const originalMessageId = attachedId ?? plain?.originalMessageId;
  if (!originalMessageId)
    return { kind: 'ignored', reason: 'bounce without the original Message-ID' };
  const messageId = messageIdOfOurs(originalMessageId);
  return {
    kind: 'delivery',
    updates: [
      {
        providerMessageId: originalMessageId,
        ...(messageId ? { messageId } : {}),
        status: 'failed',
        error: plain?.reason ?? (mail.subject ?? 'Undeliverable').slice(0, 500),
      },
    ],
  };
}

/** A parameter of the top-level Content-Type (mailparser's header objects are loosely typed). */
function contentTypeParam(raw: Buffer, name: string): string | undefined {
  const value = rawHeader(raw, 'content-type') ?? '';
  const match = new RegExp(`;\\s*${name}\\s*=\\s*"?([^";]+)"?`, 'i').exec(value);
  return match?.[1]?.trim();
}

function attachmentsOf(mail: ParsedMail): InboundAttachment[] {
  return mail.attachments.map((a, i) => {
    const contentId = a.cid || undefined;
    const inline = Boolean(contentId) && (a.related === true || a.contentDisposition === 'inline');
    // mailparser gives `false` (not a string, whatever its types say) for an empty Content-Type.
    const contentType =
      typeof a.contentType === 'string' && a.contentType
        ? a.contentType
        : 'application/octet-stream';
    const extension = contentType.split('/')[1]?.replace(/[^a-z0-9]/gi, '') || 'bin';
    return {
      filename: a.filename || `${inline ? 'inline' : 'attachment'}-${i + 1}.${extension}`,
      contentType,
      content: a.content,
      ...(contentId ? { contentId } : {}),
      ...(inline ? { inline } : {}),
    };
  });
}

/**
 * Token of a `reply+<token>@` recipient: envelope recipients first (our SMTP server routed them),
 * then To, Cc and the delivery headers, at our own domains only.
 */
function replyTokenFor(
  mail: ParsedMail,
  header: HeaderReader,
  opts: EmailParseOptions,
): string | undefined {
  for (const rcpt of opts.envelope?.to ?? []) {
    const token = replyTokenOf(rcpt);
    if (token) return token;
  }
  const candidates = [
    ...addresses(mail.to).map((a) => a.address),
    ...addresses(mail.cc).map((a) => a.address),
    ...['delivered-to', 'x-original-to', 'envelope-to'].flatMap((h) =>
      (header(h) ?? '').split(',').map((v) => v.replace(/[<>]/g, '').trim()),
    ),
  ];
  for (const address of candidates) {
    const token = replyTokenOf(address, opts.replyDomains);
    if (token) return token;
  }
  return undefined;
}

/**
 * Raw MIME → what the inbox needs: the sender, the new text (quoted history split off), safe HTML,
 * attachments and threading headers; or a delivery update for a bounce, or `ignored` for a machine's
 * message. Pure: no database, so it is unit-tested with fixture mails.
 */
export async function parseEmail(raw: Buffer, opts: EmailParseOptions): Promise<ParseResult> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, {
      keepCidLinks: true,
      skipImageLinks: true,
      // Text derived from our sanitised HTML below is safer than mailparser's (it lists every link target).
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
    });
  } catch (err) {
    throw new UnparseablePayloadError(`The message is not valid MIME: ${(err as Error).message}`);
  }
  const header = headerReader(mail);
  const sender = addresses(mail.from)[0];
  const nullSender = opts.envelope?.from === '';
  const subject = (mail.subject ?? '').trim();

  const delivery = deliveryResult(raw, mail, sender?.address, nullSender);
  if (delivery) return delivery;
  const automatic = automaticMessageReason(header, subject, nullSender);
  if (automatic) return { kind: 'ignored', reason: automatic };

  // The contact is found or created by this address: one the inbox can answer (not `root@localhost`).
  const address = [sender?.address, opts.envelope?.from]
    .map((a) => (a ?? '').trim().toLowerCase())
    .find((a) => normalizeAddress('email', a));
  if (!address) throw new UnparseablePayloadError('The message has no usable sender address');

  const html = mail.html ? sanitizeEmailHtml(mail.html) : undefined;
  let visibleText: string;
  let quoted: string | undefined;
  const text = mail.text?.trim() ? splitQuotedText(mail.text) : undefined;
  if (text && (text.quoted || !html?.quotedHtml)) {
    visibleText = text.visible;
    quoted = text.quoted;
  } else {
    // HTML only, or the HTML part marked its quote where the text part did not.
    visibleText = html ? htmlToText(html.html) : '';
    quoted = html?.quotedHtml ? htmlToText(html.quotedHtml) : undefined;
  }

  const providerMessageId = emailProviderMessageId(raw);
  const replyToken = replyTokenFor(mail, header, opts);
  const name = sender?.name?.trim();
  return {
    kind: 'messages',
    messages: [
      {
        providerMessageId,
        contact: { identities: [{ kind: 'email', address }], ...(name ? { name } : {}) },
        ...(subject ? { subject } : {}),
        text: visibleText,
        ...(html?.html ? { html: html.html } : {}),
        ...(quoted ? { quoted } : {}),
        ...(mail.html ? { htmlOriginal: mail.html } : {}),
        attachments: attachmentsOf(mail),
        email: {
          ...(providerMessageId.startsWith('<') ? { messageId: providerMessageId } : {}),
          inReplyTo: messageIdsIn(header('in-reply-to')),
          references: messageIdsIn(header('references')),
          ...(replyToken ? { replyToken } : {}),
        },
        ...(mail.date && !Number.isNaN(mail.date.getTime()) ? { sentAt: mail.date } : {}),
      },
    ],
  };
}
