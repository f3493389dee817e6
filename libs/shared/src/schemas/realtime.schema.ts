import { z } from 'zod';
import { CHOSEN_PRESENCE_STATUSES } from '../realtime/events';
import { WIDGET_ERRORS, WIDGET_TEXT_MAX_LENGTH } from '../realtime/widget-payloads';
import { uuidSchema } from './common.schema';

/**
 * Payloads clients send over the sockets. Every handler validates with these and answers a refused
 * payload with the ack `{ ok: false, error }`.
 */

/** staff → server: `conversation.join` / `conversation.leave` */
export const conversationRoomRequestSchema = z.object(
  { conversationId: uuidSchema },
  { error: 'must be { conversationId: UUID }' },
);
export type ConversationRoomRequest = z.infer<typeof conversationRoomRequestSchema>;

/** staff → server: `conversation.typing` */
export const conversationTypingRequestSchema = z.object(
  {
    conversationId: uuidSchema,
    typing: z.boolean({ error: 'must be true or false' }),
    kind: z
      .enum(['reply', 'note', 'suggestion'], { error: 'must be reply, note or suggestion' })
      .optional(),
  },
  { error: 'must be { conversationId: UUID, typing: boolean }' },
);
export type ConversationTypingRequest = z.infer<typeof conversationTypingRequestSchema>;

/** staff → server: `presence.set` */
export const presenceSetRequestSchema = z.object(
  {
    status: z.enum(CHOSEN_PRESENCE_STATUSES, {
      error: 'must be online or away (offline is when no tab is open)',
    }),
  },
  { error: "must be { status: 'online' | 'away' }" },
);
export type PresenceSetRequest = z.infer<typeof presenceSetRequestSchema>;

/** staff → server: `presence.activity` */
export const presenceActivityRequestSchema = z.object(
  { idle: z.boolean({ error: 'must be true or false' }) },
  { error: 'must be { idle: boolean }' },
);
export type PresenceActivityRequest = z.infer<typeof presenceActivityRequestSchema>;

/** visitor → server: `widget.send` */
export const widgetSendRequestSchema = z.object(
  {
    clientMessageId: uuidSchema,
    text: z
      .string()
      .transform((t) => t.trim())
      .pipe(z.string().min(1).max(WIDGET_TEXT_MAX_LENGTH)),
  },
  { error: WIDGET_ERRORS.invalidMessage },
);

/** visitor → server: `widget.leave-email` (the address itself is checked by the contacts rules) */
export const widgetLeaveEmailRequestSchema = z.object(
  { email: z.string().max(254) },
  { error: WIDGET_ERRORS.invalidEmail },
);

/** visitor → server: `widget.visitor-typing` */
export const widgetVisitorTypingRequestSchema = z.object(
  { typing: z.boolean() },
  { error: 'must be { typing: boolean }' },
);

/** The ack error of a refused payload, naming the field: `conversationId must be a UUID`. */
export function socketPayloadError(error: z.ZodError): string {
  return error.issues
    .map((i) => (i.path.length ? `${i.path.join('.')} ${i.message}` : i.message))
    .join('; ');
}
