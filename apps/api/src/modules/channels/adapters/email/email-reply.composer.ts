import type { SendMailOptions } from 'nodemailer';
import { escapeMarkup } from '../../../../core/text/escape-markup';
import { PermanentDeliveryError, type OutboundContext } from '../../channel-adapter';
import { domainOf, ourMessageId, replyAddress, replySubject } from './email-address';

/** References kept on a long thread: the first id (the thread's root) and the latest ones (RFC 5322 practice). */
const MAX_REFERENCES = 20;

export interface ComposedReply {
  mail: SendMailOptions;
  messageId: string;
  inReplyTo?: string;
  references: string[];
}

/** The reply's plain text as simple HTML: paragraphs and line breaks, nothing the text does not say. */
export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeMarkup(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return `<!doctype html><html><body style="font-family:sans-serif;font-size:14px">${paragraphs}</body></html>`;
}

/**
 * An agent's reply as an email from `fromAddress`: our own Message-ID (so the customer's answer and any
 * bounce can be matched), the thread's In-Reply-To/References, and a Reply-To of the conversation's
 * `reply+<token>@` address, so the answer lands in the same conversation whatever the customer's client does.
 */
export function composeReplyEmail(ctx: OutboundContext, fromAddress: string): ComposedReply {
  if (ctx.recipient.kind !== 'email')
    throw new PermanentDeliveryError(`An email cannot reach a ${ctx.recipient.kind} identity`);
  const domain = domainOf(fromAddress);
  if (!domain)
    throw new PermanentDeliveryError(`The sender address "${fromAddress}" has no domain`);

  // Derived from the message id, never random: every retry and a resend after a crash carry the same
  // Message-ID, by which relays and mail clients drop the repeat.
  const messageId = ourMessageId(ctx.message.id, domain);
  const inReplyTo = ctx.threading.inReplyTo;
  const all = [...new Set([...ctx.threading.references, ...(inReplyTo ? [inReplyTo] : [])])];
  const references =
    all.length > MAX_REFERENCES ? [all[0], ...all.slice(-(MAX_REFERENCES - 1))] : all;
  const authorName = ctx.author.name.trim();
  const senderName = authorName ? `${authorName} via ${ctx.channel.name}` : ctx.channel.name;

  return {
    messageId,
    ...(inReplyTo ? { inReplyTo } : {}),
    references,
    mail: {
      from: { name: senderName, address: fromAddress },
      to: ctx.contact.name
        ? { name: ctx.contact.name, address: ctx.recipient.address }
        : ctx.recipient.address,
      replyTo: {
        name: ctx.channel.name,
        address: replyAddress(ctx.conversation.replyToken, domain),
      },
      subject: replySubject(ctx.message.subject ?? ctx.conversation.subject, ctx.channel.name),
      messageId,
      ...(inReplyTo ? { inReplyTo } : {}),
      ...(references.length ? { references } : {}),
      text: ctx.message.text,
      html: textToHtml(ctx.message.text),
      attachments: ctx.message.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
      })),
    },
  };
}
