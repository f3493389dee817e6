import { ATTACHMENT_MAX_BYTES } from '@touchpoint/shared';
import {
  OutboundRefusedError,
  OutboundTooLargeError,
  OutboundUrlError,
} from '../../../../core/net/outbound.errors';
import type { InboundAttachment } from '../../channel-adapter';
import {
  GraphApiError,
  GraphApiClient,
  GraphUnreachableError,
  MediaDroppedError,
  graphBaseUrl,
  type GraphAccess,
} from './graph-api.client';
import { numberOf, stringOf } from './meta-json';
import type { PageFileRef } from './page-webhook.parser';
import type { WhatsappMediaRef } from './whatsapp-webhook.parser';

/** The host Meta documents for WhatsApp media downloads (besides the Graph API host itself). */
export const WHATSAPP_MEDIA_HOST = 'lookaside.fbsbx.com';
/** Domains Messenger and Instagram attachment URLs point to (Meta's CDNs). */
export const PAGE_ATTACHMENT_DOMAINS = ['fbcdn.net', 'fbsbx.com', 'cdninstagram.com'];
/** Redirects a CDN download may take (from lookaside to a regional CDN host), each hop checked. */
const PAGE_ATTACHMENT_HOPS = 3;

/**
 * Where WhatsApp media may be downloaded from. The download carries the channel's access token, so
 * it goes only to the Graph API's own origin (the channel's apiBaseUrl, by default
 * https://graph.facebook.com) or to Meta's media host over https, and never follows a redirect: a
 * URL elsewhere, or a redirect to anywhere, would hand the token to whoever answers there.
 */
export function whatsappMediaRefusal(url: URL, access: { apiBaseUrl?: string }): string | null {
  const api = new URL(graphBaseUrl(access));
  if (url.origin === api.origin) return null;
  if (url.protocol === 'https:' && url.hostname === WHATSAPP_MEDIA_HOST && !url.port) return null;
  return `WhatsApp media is only fetched from ${api.host} or ${WHATSAPP_MEDIA_HOST}`;
}

/**
 * Where Messenger and Instagram attachments may be downloaded from: Meta's CDNs over https (or the
 * channel's own Graph API origin). No token goes with these downloads; the rule keeps the product
 * from fetching whatever address a webhook names.
 */
export function pageAttachmentRefusal(url: URL, access: { apiBaseUrl?: string }): string | null {
  const api = new URL(graphBaseUrl(access));
  if (url.origin === api.origin) return null;
  const host = url.hostname.toLowerCase();
  if (
    url.protocol === 'https:' &&
    PAGE_ATTACHMENT_DOMAINS.some((d) => host === d || host.endsWith(`.${d}`))
  )
    return null;
  return `attachments are only fetched from Meta's CDNs (${PAGE_ATTACHMENT_DOMAINS.join(', ')})`;
}

/**
 * A WhatsApp message's file: `GET /{media-id}` names a short-lived URL and the size, then the file is
 * downloaded with the token. What can never be fetched is `{dropped}` with the reason (the text is
 * still stored); an outage throws, so the event is tried again.
 */
export async function fetchWhatsappMedia(
  graph: GraphApiClient,
  access: GraphAccess,
  ref: WhatsappMediaRef,
): Promise<InboundAttachment | { dropped: string }> {
  try {
    const info = await graph.call<Record<string, unknown>>(
      access,
      'GET',
      encodeURIComponent(ref.mediaId),
    );
    const size = numberOf(info.file_size);
    if (size !== undefined && size > ATTACHMENT_MAX_BYTES) return { dropped: tooLarge(size) };
    const url = stringOf(info.url);
    if (!url) return { dropped: 'Meta offers no download for it' };
    const { content } = await graph.download(url, {
      token: access.token,
      maxBytes: ATTACHMENT_MAX_BYTES,
      maxHops: 0,
      allowed: (u) => whatsappMediaRefusal(u, access),
    });
    const contentType = stringOf(info.mime_type)?.split(';')[0].trim() || ref.contentType;
    return { filename: ref.filename, contentType, content };
  } catch (err) {
    return droppedOr(err);
  }
}

/** A Messenger or Instagram attachment, from Meta's CDN (no token needed). */
export async function fetchPageAttachment(
  graph: GraphApiClient,
  access: { apiBaseUrl?: string },
  ref: PageFileRef,
): Promise<InboundAttachment | { dropped: string }> {
  try {
    const { content, contentType } = await graph.download(ref.url, {
      maxBytes: ATTACHMENT_MAX_BYTES,
      maxHops: PAGE_ATTACHMENT_HOPS,
      allowed: (u) => pageAttachmentRefusal(u, access),
    });
    const type =
      contentType && contentType !== 'application/octet-stream' ? contentType : ref.contentType;
    return { filename: ref.filename, contentType: type, content };
  } catch (err) {
    return droppedOr(err);
  }
}

function droppedOr(err: unknown): { dropped: string } {
  if (err instanceof MediaDroppedError) return { dropped: err.message };
  if (err instanceof OutboundRefusedError || err instanceof OutboundUrlError)
    return { dropped: `not fetched, ${err.message}` };
  if (err instanceof OutboundTooLargeError) return { dropped: "Meta's answer was too large" };
  if (err instanceof GraphApiError && err.status !== 429 && err.status < 500)
    return { dropped: `Meta refused it (${err.detail})` };
  if (err instanceof GraphApiError || err instanceof GraphUnreachableError)
    throw new Error(`A file of this message could not be fetched now: ${err.message}`);
  throw err;
}

function tooLarge(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB, larger than the ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB a file may have`;
}
