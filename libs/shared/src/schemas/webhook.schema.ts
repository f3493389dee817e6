import { z } from 'zod';

/** Events a webhook can be told about, as `type` of the payload and `X-Touchpoint-Event`. */
export const WEBHOOK_EVENT_TYPES = [
  'conversation.created',
  'conversation.updated',
  'message.created',
  'handoff.created',
  'handoff.updated',
  'contact.updated',
  'contact.merged',
  'contact.unmerged',
  'contact.hold.started',
  'contact.hold.ended',
  'contact.erased',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

const webhookUrlSchema = z
  .string({ message: 'must be an http(s) URL' })
  .trim()
  .max(2000, { message: 'must be at most 2000 characters' })
  .pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }));

/** `events`: the types to send, or `['*']` for every type (also those added later). */
const eventsSchema = z
  .array(
    z.enum(['*', ...WEBHOOK_EVENT_TYPES], {
      message: `must be * or one of ${WEBHOOK_EVENT_TYPES.join(', ')}`,
    }),
  )
  .min(1, { message: 'must name at least one event type, or *' })
  .max(WEBHOOK_EVENT_TYPES.length + 1)
  .transform((events) => (events.includes('*') ? ['*' as const] : [...new Set(events)]));

export const createWebhookSchema = z
  .object({
    url: webhookUrlSchema,
    description: z
      .string()
      .trim()
      .max(500, { message: 'must be at most 500 characters' })
      .default(''),
    events: eventsSchema,
    /** Also send `message.created` for internal notes (off by default: notes stay inside). */
    includeNotes: z.boolean({ message: 'must be true or false' }).default(false),
    active: z.boolean({ message: 'must be true or false' }).default(true),
  })
  .strict();
export type CreateWebhookRequest = z.input<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .object({
    url: webhookUrlSchema,
    description: z.string().trim().max(500, { message: 'must be at most 500 characters' }),
    events: eventsSchema,
    includeNotes: z.boolean({ message: 'must be true or false' }),
    active: z.boolean({ message: 'must be true or false' }),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'nothing to update' });
export type UpdateWebhookRequest = z.input<typeof updateWebhookSchema>;

export interface WebhookDto {
  id: string;
  url: string;
  description: string;
  events: ('*' | WebhookEventType)[];
  includeNotes: boolean;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Answered once, on create and on rotation: the signing secret is never shown again. */
export interface WebhookWithSecretDto extends WebhookDto {
  /** `whsec_<base64>`, as Standard Webhooks libraries take it. */
  secret: string;
}

export interface WebhookDeliveryDto {
  id: string;
  webhookId: string;
  eventType: WebhookEventType;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** The body of every webhook request (Standard Webhooks' envelope). */
export interface WebhookPayload<T = Record<string, unknown>> {
  type: WebhookEventType;
  /** When the event happened (ISO). */
  timestamp: string;
  data: T;
}
