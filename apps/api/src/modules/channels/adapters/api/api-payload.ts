import {
  apiChannelMessageSchema,
  apiChannelStatusSchema,
  type ApiChannelMessage,
  type ApiChannelStatus,
} from '@touchpoint/shared';
import type { ZodError } from 'zod';

/** What a custom source may POST: a customer's message, or (with `event`) news about a reply. */
export type ApiPayload =
  { kind: 'message'; message: ApiChannelMessage } | { kind: 'status'; status: ApiChannelStatus };

const isStatusNotice = (body: unknown) =>
  typeof body === 'object' && body !== null && (body as { event?: unknown }).event !== undefined;

/** Checked against the schema its `event` picks, so a mistake is named for what was meant. */
export function parseApiPayload(
  body: unknown,
): { success: true; payload: ApiPayload } | { success: false; error: ZodError } {
  if (isStatusNotice(body)) {
    const parsed = apiChannelStatusSchema.safeParse(body);
    return parsed.success
      ? { success: true, payload: { kind: 'status', status: parsed.data } }
      : { success: false, error: parsed.error };
  }
  const parsed = apiChannelMessageSchema.safeParse(body);
  return parsed.success
    ? { success: true, payload: { kind: 'message', message: parsed.data } }
    : { success: false, error: parsed.error };
}

/** Notices and messages have ids of their own: one key space per kind, so they never collide. */
export function deliveryKey(payload: ApiPayload): string {
  return payload.kind === 'status' ? `status:${payload.status.id}` : payload.message.id;
}
