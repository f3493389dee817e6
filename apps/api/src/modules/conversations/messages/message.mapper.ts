import type { MessageDto } from '@touchpoint/shared';
import type { FileLinks } from '../../../core/storage/file-links';
import type { Message } from './message.entity';

/** Needs `channel`, `authorUser`, `contact` and `attachments` loaded. */
export function toMessageDto(m: Message, urls: FileLinks): MessageDto {
  // A call a provider reported is the customer's; one an agent logged is the agent's.
  const fromContact = m.type === 'inbound' || (m.type === 'call' && !m.authorUser);
  const author: MessageDto['author'] = fromContact
    ? {
        type: 'contact',
        id: m.contactId,
        // A website visitor's address is an internal id: better no name than that.
        name: m.contact?.name || (m.channel?.kind === 'webchat' ? '' : m.metadata.address) || '',
      }
    : m.authorUser
      ? { type: 'user', id: m.authorUser.id, name: m.authorUser.name }
      : { type: 'system', id: null, name: 'Touchpoint' };
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    type: m.type,
    channel: m.channel ? { id: m.channel.id, kind: m.channel.kind, name: m.channel.name } : null,
    author,
    subject: m.subject,
    text: m.text,
    html: m.html ? withAttachmentUrls(m.html, m, urls) : null,
    quoted: m.quoted,
    attachments: (m.attachments ?? []).map((a) => ({
      id: a.id,
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
      url: urls.url(a.id),
      inline: a.inline,
    })),
    deliveryStatus: m.deliveryStatus,
    deliveryError: m.deliveryError,
    clientMessageId: m.clientMessageId,
    charactersReplaced: m.charactersReplaced,
    droppedAttachments: Array.isArray(m.metadata.droppedAttachments)
      ? (m.metadata.droppedAttachments as string[])
      : [],
    suggestion:
      m.type === 'note' && (m.metadata.suggestion === 'open' || m.metadata.suggestion === 'sent')
        ? {
            status: m.metadata.suggestion,
            sentMessageId: (m.metadata.suggestionSentMessageId as string | undefined) ?? null,
          }
        : null,
    call: m.type === 'call' && m.metadata.call ? m.metadata.call : null,
    createdAt: m.createdAt.toISOString(),
  };
}

export const MESSAGE_RELATIONS = {
  channel: true,
  authorUser: true,
  contact: true,
  attachments: true,
} as const;

/** Inline email images point at `cid:` references; the browser needs the attachments' signed URLs. */
function withAttachmentUrls(html: string, m: Message, urls: FileLinks): string {
  const byCid = new Map(
    (m.attachments ?? [])
      .filter((a) => a.contentId)
      .map((a) => [a.contentId?.replace(/^<|>$/g, ''), a.id]),
  );
  if (byCid.size === 0) return html;
  return html.replace(/(["'])cid:([^"']+)\1/g, (whole, quote: string, cid: string) => {
    const id = byCid.get(cid.replace(/^<|>$/g, ''));
    return id ? `${quote}${urls.url(id)}${quote}` : whole;
  });
}
