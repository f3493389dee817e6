/**
 * Where a customer's file may be fetched from. Twilio names each file by a Media resource on its REST
 * API (`MediaUrl{N}`), and answers a request for it (HTTP Basic auth with the account's credentials)
 * with a redirect to a short-lived URL on its media storage: `mms.twiliocdn.com` when the account
 * enforces HTTP auth on media, `s3-external-1.amazonaws.com/media.twiliocdn.com/...` when it does not
 * (Twilio help center, "Protect Media Access with HTTP Basic Authentication for Programmable
 * Messaging"). Following redirects blindly would let a compromised or spoofed answer send us
 * anywhere, so exactly one redirect is taken, only to those documented hosts over https (or to the
 * channel's own API origin, which is where a Twilio-compatible test server keeps its files), and the
 * credentials are sent to the API only.
 */

/** The first request: the channel's own Twilio API origin and account, nothing else. */
export function mediaUrlRefusal(
  url: string,
  apiBaseUrl: string,
  accountSid: string,
): string | undefined {
  if (!URL.canParse(url)) return 'its address is not a URL';
  const target = new URL(url);
  const api = new URL(apiBaseUrl);
  if (target.origin !== api.origin)
    return `${target.host} is not this channel's Twilio API (${api.host})`;
  if (!target.pathname.startsWith(`/2010-04-01/Accounts/${accountSid}/`))
    return "it is not a file of this channel's Twilio account";
  return undefined;
}

/** The one redirect a Media resource answers with: Twilio's media storage, as documented. */
export function isTwilioMediaLocation(location: URL, apiBaseUrl: string): boolean {
  if (location.username || location.password) return false;
  if (location.origin === new URL(apiBaseUrl).origin) return true;
  if (location.protocol !== 'https:' || location.port) return false;
  const host = location.hostname.toLowerCase();
  if (host === 'mms.twiliocdn.com') return true;
  return (
    host === 's3-external-1.amazonaws.com' && location.pathname.startsWith('/media.twiliocdn.com/')
  );
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/amr': 'amr',
  'audio/aac': 'aac',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'application/pdf': 'pdf',
  'text/vcard': 'vcf',
  'text/x-vcard': 'vcf',
  'text/plain': 'txt',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
};

/** Twilio sends no file names: the Media SID (the URL's last part) and an extension for the type. */
export function mediaFilename(url: string, contentType: string, index: number): string {
  const last = URL.canParse(url) ? new URL(url).pathname.split('/').pop() : undefined;
  const base = last && /^[A-Za-z0-9]{2,64}$/.test(last) ? last : `media-${index + 1}`;
  return `${base}.${EXTENSIONS[contentType] ?? 'bin'}`;
}

/** A MIME type as sent in a header, without parameters; undefined when it is not one. */
export function mimeType(header: string | string[] | undefined): string | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.split(';')[0].trim().toLowerCase();
  return value && /^[\w.+-]+\/[\w.+-]+$/.test(value) ? value : undefined;
}
