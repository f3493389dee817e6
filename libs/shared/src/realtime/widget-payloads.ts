/**
 * Payloads and limits of the website chat events named in `widget.ts` that carry more than a message.
 * Kept free of runtime dependencies: the widget bundle imports this file directly.
 */
import type { WidgetSurveyDto } from './widget';

/** Longest message a visitor may send. */
export const WIDGET_TEXT_MAX_LENGTH = 5000;

/** Sends allowed per visitor (all its sockets) and window; the next one is refused with `WIDGET_ERRORS.rateLimited`. */
export const WIDGET_SEND_LIMIT = { count: 10, windowMs: 10_000 } as const;

/** `error` of a refused `widget.send` / `widget.leave-email` ack, and `message` of a refused handshake. */
export const WIDGET_ERRORS = {
  rateLimited: 'Too many messages: wait a few seconds, then send again',
  invalidMessage: `The message must be 1 to ${WIDGET_TEXT_MAX_LENGTH} characters with a clientMessageId (UUID)`,
  invalidEmail: 'This is not a valid email address',
  channelUnavailable: 'This chat is not available',
  originNotAllowed: 'This website may not use this chat',
  invalidIdentity:
    'identifierHash does not match identifier (HMAC-SHA256 hex with the channel secret)',
  unavailable: 'The chat could not take the message right now: send it again',
  surveyUnknown: 'This chat has no such survey',
  surveyClosed: 'This survey has closed: ratings are taken for 7 days after it was sent',
} as const;

/** server → visitor (`widget.typing`): an agent types in the visitor's conversation. */
export interface WidgetTypingPayload {
  typing: boolean;
  /** The agent's display name. */
  authorName: string | null;
}

/** server → visitor (`widget.availability`) */
export interface WidgetAvailabilityPayload {
  agentsOnline: boolean;
}

/** visitor → server (`widget.visitor-typing`) */
export interface WidgetVisitorTypingPayload {
  typing: boolean;
}

/** visitor → server (`widget.leave-email`), acked with `WidgetAck` */
export interface WidgetLeaveEmailPayload {
  email: string;
}

/** visitor → server (`widget.rate`): a rating 1–5 of a survey message, with an optional comment */
export interface WidgetRatePayload {
  messageId: string;
  rating: number;
  comment?: string;
}

/** The ack of `widget.rate` and the `widget.survey` event: the survey message's rating now. */
export interface WidgetSurveyUpdate {
  messageId: string;
  survey: WidgetSurveyDto;
}
