import { IDENTITY_KINDS, WIDGET_TEXT_MAX_LENGTH } from '@touchpoint/shared';
import { z } from 'zod';

/**
 * What the widget gateway stores as an inbound event for one visitor message. Written only by our
 * gateway after it checked the session and the identifier hash, so `verified` here can be trusted.
 * The webchat identity comes first: the message records it as the address replies go to.
 */
export const webchatInboundPayloadSchema = z.object({
  visitorId: z.string().min(1).max(255),
  clientMessageId: z.uuid(),
  text: z.string().min(1).max(WIDGET_TEXT_MAX_LENGTH),
  name: z.string().max(200).optional(),
  identities: z
    .array(
      z.object({
        kind: z.enum(IDENTITY_KINDS),
        address: z.string().min(1).max(255),
        verified: z.boolean().optional(),
        canLink: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(5),
  sentAt: z.iso.datetime(),
});
export type WebchatInboundPayload = z.infer<typeof webchatInboundPayloadSchema>;

/** Dedup key of a visitor message: unique per visitor, so two visitors' client ids never collide. */
export function webchatProviderMessageId(visitorId: string, clientMessageId: string): string {
  return `${visitorId}:${clientMessageId}`;
}

/** The widget's clientMessageId inside a stored message's provider id (null for other shapes). */
export function clientMessageIdOf(
  providerMessageId: string | null,
  visitorId: string,
): string | null {
  const prefix = `${visitorId}:`;
  return providerMessageId?.startsWith(prefix) ? providerMessageId.slice(prefix.length) : null;
}
