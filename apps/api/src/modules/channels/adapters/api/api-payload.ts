import {
  apiChannelCallSchema,
  apiChannelMessageSchema,
  apiChannelStatusSchema,
  type ApiChannelCall,
  type ApiChannelMessage,
  type ApiChannelStatus,
} from '@touchpoint/shared';
import type { ZodError, ZodType } from 'zod';
import { normalizeAddress } from '../../../contacts/identity-address';

/**
 * What a custom source may POST: a customer's message, or with `event` news about a reply
 * (`message.status`) or a phone call with a customer (`call`).
 */
export type ApiPayload =
  | { kind: 'message'; message: ApiChannelMessage }
  | { kind: 'status'; status: ApiChannelStatus }
  | { kind: 'call'; call: ApiChannelCall };

/**
 * Whether the contact names an address a contact can be found or created by: the schema takes any
 * email and phone text, but the inbox stores a message only from a sender it can answer.
 */
function reachable({ identifier, email, phone }: ApiChannelMessage['contact']): boolean {
  return Boolean(
    identifier ||
    (email && normalizeAddress('email', email)) ||
    (phone && normalizeAddress('phone', phone)),
  );
}
const UNREACHABLE = {
  path: ['contact'],
  message: 'needs an identifier, a valid email address or a valid phone number',
  // Checked once the body is otherwise valid: a contact without any address is named as such.
  when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0,
};
const messageSchema = apiChannelMessageSchema.refine((m) => reachable(m.contact), UNREACHABLE);
const callSchema = apiChannelCallSchema.refine((c) => reachable(c.contact), UNREACHABLE);

type Parsed = { success: true; payload: ApiPayload } | { success: false; error: ZodError };

function check<T>(schema: ZodType<T>, body: unknown, wrap: (data: T) => ApiPayload): Parsed {
  const parsed = schema.safeParse(body);
  return parsed.success
    ? { success: true, payload: wrap(parsed.data) }
    : { success: false, error: parsed.error };
}

/** Checked against the schema its `event` picks, so a mistake is named for what was meant. */
export function parseApiPayload(body: unknown): Parsed {
  const event =
    typeof body === 'object' && body !== null ? (body as { event?: unknown }).event : undefined;
  if (event === 'call') return check(callSchema, body, (call) => ({ kind: 'call', call }));
  if (event !== undefined)
    return check(apiChannelStatusSchema, body, (status) => ({ kind: 'status', status }));
  return check(messageSchema, body, (message) => ({ kind: 'message', message }));
}

/** Notices, calls and messages have ids of their own: one key space per kind, so none collide. */
export function deliveryKey(payload: ApiPayload): string {
  if (payload.kind === 'status') return `status:${payload.status.id}`;
  if (payload.kind === 'call') return `call:${payload.call.id}`;
  return payload.message.id;
}
