import { WIDGET_ERRORS } from '@touchpoint/shared';
import { z } from 'zod';
import { normalizeAddress } from '../../../contacts/identity-address';
import type { InboundIdentity } from '../../channel-adapter';
import type { Channel } from '../../channel.entity';
import { isOriginAllowed, type WebchatChannelConfig } from './webchat.config';
import {
  isIdentifierHashValid,
  isVerifiedVisitorId,
  issueSessionToken,
  newVisitorId,
  verifiedVisitorId,
  visitorIdOfToken,
} from './widget-session';

/** `WidgetHandshake` as it arrives: anything, until checked. */
export const widgetHandshakeSchema = z.object({
  channelId: z.uuid(),
  sessionToken: z.string().max(200).optional(),
  identifier: z.string().trim().min(1).max(255).optional(),
  identifierHash: z.string().max(128).optional(),
  name: z.string().max(200).optional(),
  email: z.string().max(254).optional(),
});
export type CheckedHandshake = z.infer<typeof widgetHandshakeSchema>;

/** Who a widget socket is, settled by the handshake. */
export interface Visitor {
  channelId: string;
  teamId: string;
  visitorId: string;
  sessionToken: string;
  greeting: string | null;
  /** The identity the site proved (identifier + identifierHash), if any. */
  verified?: InboundIdentity;
  name?: string;
  /** An address the visitor typed (or the site passed unsigned): never links to another contact. */
  email?: string;
  typing?: { typing: boolean; at: number };
}

/** The handshake is refused; `message` (one of WIDGET_ERRORS) reaches the widget as `connect_error`. */
export class HandshakeRefused extends Error {}

/**
 * The visitor a handshake to an enabled webchat channel stands for. The page must be on an allowed
 * origin. Then, in this order: a site-signed identifier (identifier + identifierHash) makes the
 * signed-in customer's visitor, and a wrong or missing hash is refused (never downgraded to
 * anonymous, so a broken integration shows at once); a valid session token resumes its anonymous
 * visitor; anything else starts a new anonymous visitor.
 */
export function visitorOf(
  channel: Pick<Channel, 'id' | 'teamId'>,
  config: WebchatChannelConfig,
  hs: CheckedHandshake,
  origin: string | undefined,
): Visitor {
  if (!isOriginAllowed(origin, config.allowedOrigins))
    throw new HandshakeRefused(WIDGET_ERRORS.originNotAllowed);

  let visitorId: string;
  let verified: InboundIdentity | undefined;
  if (hs.identifier !== undefined || hs.identifierHash !== undefined) {
    if (
      !hs.identifier ||
      !hs.identifierHash ||
      !isIdentifierHashValid(hs.identifier, hs.identifierHash, config.secret)
    )
      throw new HandshakeRefused(WIDGET_ERRORS.invalidIdentity);
    const asEmail = normalizeAddress('email', hs.identifier);
    verified = asEmail
      ? { kind: 'email', address: asEmail, verified: true }
      : { kind: 'api', address: hs.identifier, verified: true };
    visitorId = verifiedVisitorId(hs.identifier, config.secret);
  } else {
    // A signed-in customer's session resumes only with its identifier (not after the site's logout).
    const resumed = visitorIdOfToken(hs.sessionToken, channel.id, config.secret);
    visitorId = resumed && !isVerifiedVisitorId(resumed) ? resumed : newVisitorId();
  }
  const email = hs.email ? normalizeAddress('email', hs.email) : null;
  const name = hs.name?.trim();
  return {
    channelId: channel.id,
    teamId: channel.teamId,
    visitorId,
    sessionToken: issueSessionToken(channel.id, visitorId, config.secret),
    greeting: config.greeting?.trim() || null,
    ...(verified && { verified }),
    ...(name && { name }),
    ...(email && { email }),
  };
}

/** A visitor message's sender identities, the webchat one first (replies go to the address a message came from). */
export function identitiesOf(visitor: Visitor): InboundIdentity[] {
  return [
    { kind: 'webchat', address: visitor.visitorId },
    ...(visitor.verified ? [visitor.verified] : []),
    ...(visitor.email ? [{ kind: 'email' as const, address: visitor.email, canLink: false }] : []),
  ];
}
