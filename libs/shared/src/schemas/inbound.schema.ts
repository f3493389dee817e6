import { z } from 'zod';
import {
  CALL_DIRECTIONS,
  CALL_OUTCOMES,
  INBOUND_EVENT_STATUSES,
  type InboundEventStatus,
} from '../constants/channels';
import { wholeNumberSchema } from './common.schema';
import { recordingUrlSchema } from './conversation.schema';

/** Body of `POST /webhooks/api/:channelId`. */
export const apiChannelMessageSchema = z.object({
  id: z.string().trim().min(1, { message: 'is required' }).max(255),
  contact: z
    .object({
      identifier: z.string().trim().min(1).max(255).optional(),
      email: z.string().trim().max(254).optional(),
      phone: z.string().trim().max(40).optional(),
      name: z.string().trim().max(200).optional(),
    })
    .refine((c) => Boolean(c.identifier || c.email || c.phone), {
      message: 'needs identifier, email or phone',
    }),
  text: z.string().max(20_000).default(''),
  attachments: z
    .array(
      z.object({
        url: z.url({ message: 'must be a URL' }),
        name: z.string().max(255),
        contentType: z.string().max(255),
      }),
    )
    .max(20)
    .optional(),
});
export type ApiChannelMessage = z.output<typeof apiChannelMessageSchema>;

/**
 * A custom source's news about a reply it received on its callback URL: `messageId` is the `id` its
 * callback answered (or our `messageId` when it answered none). `id` names this notice: a repeat
 * of it is a duplicate.
 */
export const apiChannelStatusSchema = z.object({
  event: z.literal('message.status'),
  id: z.string().trim().min(1, { message: 'is required' }).max(255),
  messageId: z.string().trim().min(1, { message: 'is required' }).max(500),
  status: z.enum(['delivered', 'read', 'failed'], {
    message: 'must be one of delivered, read, failed',
  }),
  error: z.string().max(1000).optional(),
});
export type ApiChannelStatus = z.output<typeof apiChannelStatusSchema>;

/**
 * A phone call the custom source (a phone system) had with a customer: `id` names the call (a
 * repeat is a duplicate); `transcript` is the voicemail's text, if any.
 */
export const apiChannelCallSchema = z.object({
  event: z.literal('call'),
  id: z.string().trim().min(1, { message: 'is required' }).max(255),
  contact: apiChannelMessageSchema.shape.contact,
  direction: z.enum(CALL_DIRECTIONS, { message: `must be one of ${CALL_DIRECTIONS.join(', ')}` }),
  outcome: z.enum(CALL_OUTCOMES, { message: `must be one of ${CALL_OUTCOMES.join(', ')}` }),
  startedAt: z.iso.datetime({ offset: true, message: 'must be an ISO date and time' }).optional(),
  durationSeconds: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .optional(),
  from: z.string().max(100).optional(),
  to: z.string().max(100).optional(),
  recordingUrl: recordingUrlSchema.optional(),
  transcript: z.string().max(20_000).optional(),
});
export type ApiChannelCall = z.output<typeof apiChannelCallSchema>;

export const inboundEventListQuerySchema = z
  .object({
    status: z
      .enum(INBOUND_EVENT_STATUSES, {
        message: `must be one of ${INBOUND_EVENT_STATUSES.join(', ')}`,
      })
      .optional(),
    channelId: z.uuid().optional(),
    limit: wholeNumberSchema(1, 200).default(50),
  })
  .strict();

export interface InboundEventDto {
  id: string;
  channelId: string;
  providerMessageId: string;
  status: InboundEventStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  processedAt: string | null;
}
