import type { MessageDto } from '../schemas/conversation.schema';

/** socket.io namespace of the website chat widget. */
export const WIDGET_NAMESPACE = '/widget';

/** Handshake `auth` of a visitor. */
export interface WidgetHandshake {
  channelId: string;
  /** Kept by the widget in localStorage; omitted on the first visit. */
  sessionToken?: string;
  /** Signed-in customer of the site: its id and HMAC-SHA256(identifier, channel secret) as hex. */
  identifier?: string;
  identifierHash?: string;
  name?: string;
  email?: string;
}

/** What a visitor sees of a message: no notes, no internal names beyond the agent's display name. */
export interface WidgetMessageDto {
  id: string;
  direction: 'in' | 'out';
  text: string;
  authorName: string | null;
  createdAt: string;
  clientMessageId: string | null;
  /** Files of an agent's reply: absolute signed links, valid for 12 hours (a reconnect signs afresh). */
  attachments: WidgetAttachmentDto[];
  /** Set on a satisfaction survey asked in the chat: the widget shows it as a rating prompt. */
  survey?: WidgetSurveyDto;
}

/** A survey the visitor rates in the chat (`widget.rate`); its text keeps the link for email. */
export interface WidgetSurveyDto {
  rating: number | null;
  comment: string | null;
  /** Until when a rating, or a change to it, is taken (ISO time). */
  closesAt: string;
}

export interface WidgetAttachmentDto {
  name: string;
  contentType: string;
  size: number;
  url: string;
}

export const WIDGET_EVENTS = {
  /** server → visitor after the handshake */
  session: 'widget.session',
  /** server → visitor: a message of the thread (the visitor's own, echoed, or an agent's reply) */
  message: 'widget.message',
  /** server → visitor: an agent types */
  typing: 'widget.typing',
  /** server → visitor: whether an agent of the channel's team is online */
  availability: 'widget.availability',
  /** visitor → server: send a message (ack `{ ok, message?, error? }`) */
  send: 'widget.send',
  /** visitor → server: leave an email address for replies while nobody is online (ack `{ ok, error? }`) */
  leaveEmail: 'widget.leave-email',
  /** visitor → server: the visitor types */
  visitorTyping: 'widget.visitor-typing',
  /** visitor → server: rate a survey asked in the chat (ack `{ ok, data?: WidgetSurveyUpdate, error? }`) */
  rate: 'widget.rate',
  /** server → visitor: a survey of the visitor was rated (its other tabs show it) */
  survey: 'widget.survey',
} as const;

export interface WidgetSessionPayload {
  sessionToken: string;
  visitorName: string | null;
  email: string | null;
  agentsOnline: boolean;
  greeting: string | null;
  messages: WidgetMessageDto[];
}

export interface WidgetSendPayload {
  clientMessageId: string;
  text: string;
}

export type WidgetAck<T = undefined> = { ok: true; data?: T } | { ok: false; error: string };

export function toWidgetMessage(
  m: Pick<MessageDto, 'id' | 'type' | 'text' | 'author' | 'createdAt' | 'clientMessageId'>,
  attachments: WidgetAttachmentDto[] = [],
): WidgetMessageDto {
  return {
    id: m.id,
    direction: m.type === 'inbound' ? 'in' : 'out',
    text: m.text,
    authorName: m.type === 'inbound' ? null : m.author.name,
    createdAt: m.createdAt,
    clientMessageId: m.clientMessageId,
    attachments,
  };
}
