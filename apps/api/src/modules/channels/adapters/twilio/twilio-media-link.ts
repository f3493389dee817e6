import { createHmac } from 'node:crypto';

/**
 * How long a link to one of our files stays valid. Twilio fetches `MediaUrl` when it sends the
 * message, which may be up to the message's validity period later (36,000 s by default) when its
 * queue for the sender is long: 12 hours covers that.
 */
const LINK_TTL_SECONDS = 12 * 3600;

/**
 * The signed, session-free link `GET /api/attachments/:id?exp&sig` serves (the attachment download of
 * the conversations module), absolute under PUBLIC_URL so Twilio can fetch it. It is the link
 * AttachmentUrlSigner makes; channels may not import the conversations module (it imports channels),
 * so the format is repeated here, and the Twilio integration test fetches such a link through the
 * real endpoint: a change to the signer fails that test.
 */
export function attachmentLink(
  publicUrl: string,
  jwtSecret: string,
  attachmentId: string,
  now = Date.now(),
): string {
  const exp = Math.floor(now / 1000) + LINK_TTL_SECONDS;
  const sig = createHmac('sha256', jwtSecret)
    .update(`attachment:${attachmentId}:${exp}`)
    .digest('base64url');
  return `${publicUrl.replace(/\/+$/, '')}/api/attachments/${attachmentId}?exp=${exp}&sig=${sig}`;
}
