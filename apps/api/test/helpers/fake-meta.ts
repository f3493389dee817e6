import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const GRAPH_VERSION = 'v21.0';

/** What a Graph API route of the fake is called in `calls`, `failNext` and `callsOf`. */
export type GraphRoute =
  | 'whatsapp.messages'
  | 'whatsapp.media-upload'
  | 'whatsapp.media-info'
  | 'whatsapp.media-download'
  | 'whatsapp.number'
  | 'page.messages'
  | 'page.attachments'
  | 'page.info'
  | 'page.subscribed-apps'
  | 'profile'
  | 'cdn'
  | 'unknown';

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

/** One request as the fake received it. */
export interface GraphCall {
  route: GraphRoute;
  method: string;
  path: string;
  /** The bearer token it carried. */
  token: string | null;
  query: Record<string, string>;
  json: Record<string, unknown>;
  fields: Record<string, string>;
  files: UploadedFile[];
  /** The answer's HTTP status. */
  status: number;
}

/**
 * A failure instead of the route's answer, in the Graph API's error format
 * (`{error: {message, type, code, error_subcode, error_data, fbtrace_id}}`), or an answer that
 * never comes within `hangMs`.
 */
export interface GraphFailure {
  status: number;
  code?: number;
  subcode?: number;
  message?: string;
  details?: string;
  /** Sent as Retry-After (seconds). */
  retryAfter?: number;
  /** Holds the answer this long (a time-out for a client with a shorter limit). */
  hangMs?: number;
}

interface Media {
  content: Buffer;
  mimeType: string;
  /** What the media endpoint announces; larger than the content stands in for big files. */
  size: number;
  /** A download URL of the fake's choosing (another host, say); default: the fake's own. */
  url?: string;
  /** The download answers with a redirect to this URL. */
  redirectTo?: string;
  owner: string;
}

interface CdnFile {
  content: Buffer;
  contentType: string;
  redirectTo?: string;
}

/**
 * The Graph API on loopback, answering as Meta documents it for the WhatsApp Cloud API (messages,
 * media upload, media URL and download) and the Messenger Platform (Send API, attachment upload,
 * user profile), with Meta's error JSON. It knows the numbers and pages (with their tokens) it was
 * given, approved templates, media and CDN files, can fail, rate-limit or hang on demand, and
 * records every call.
 */
export class FakeMeta {
  url = '';
  readonly calls: GraphCall[] = [];
  /** Page profiles by user id (PSID / IGSID), as the profile API answers them. */
  readonly profiles = new Map<string, Record<string, string>>();
  /** Apps subscribed to each page (`subscribed_apps`). */
  readonly subscribedFields = new Map<string, string[]>();
  private readonly numbers = new Map<string, string>();
  private readonly pages = new Map<string, { token: string; kind: 'messenger' | 'instagram' }>();
  private readonly templates = new Map<string, number>();
  private readonly media = new Map<string, Media>();
  private readonly uploads = new Map<string, UploadedFile>();
  private readonly cdn = new Map<string, CdnFile>();
  private readonly failures = new Map<GraphRoute, (GraphFailure | null)[]>();
  private server?: Server;
  private readonly held = new Set<ServerResponse>();

  /** A WhatsApp business phone number and the token that may use it. */
  addWhatsappNumber(): { phoneNumberId: string; token: string } {
    const phoneNumberId = String(100_000_000_000_000 + Math.floor(Math.random() * 1e14));
    const token = `EAAG${randomBytes(24).toString('hex')}`;
    this.numbers.set(phoneNumberId, token);
    return { phoneNumberId, token };
  }

  /** A Facebook page (Messenger, or linked to an Instagram account) and its page access token. */
  addPage(kind: 'messenger' | 'instagram'): { pageId: string; token: string } {
    const pageId = String(100_000_000_000 + Math.floor(Math.random() * 1e11));
    const token = `EAAP${randomBytes(24).toString('hex')}`;
    this.pages.set(pageId, { token, kind });
    this.subscribedFields.set(pageId, ['messages', 'message_echoes']);
    return { pageId, token };
  }

  /** A template WhatsApp approved, with the number of body variables it takes. */
  approveTemplate(name: string, language: string, variables: number): void {
    this.templates.set(`${name}:${language}`, variables);
  }

  /** Media a WhatsApp customer sent (only `owner`'s token may fetch it); answers its media id. */
  addMedia(
    owner: string,
    content: Buffer,
    mimeType: string,
    options: { announcedSize?: number; url?: string; redirectTo?: string } = {},
  ): string {
    const id = String(900_000_000_000_000 + Math.floor(Math.random() * 1e14));
    this.media.set(id, {
      content,
      mimeType,
      size: options.announcedSize ?? content.length,
      owner,
      ...(options.url && { url: options.url }),
      ...(options.redirectTo && { redirectTo: options.redirectTo }),
    });
    return id;
  }

  /** A file on the fake's CDN path, as Messenger and Instagram attachment URLs name them. */
  addCdnFile(content: Buffer, contentType: string, name: string, redirectTo?: string): string {
    const path = `/cdn/${randomBytes(4).toString('hex')}/${name}`;
    this.cdn.set(path, { content, contentType, ...(redirectTo && { redirectTo }) });
    return `${this.url}${path}?oh=${randomBytes(6).toString('hex')}`;
  }

  /** The next calls of `route` fail with these answers, one each; `null` answers normally. */
  failNext(route: GraphRoute, ...failures: (GraphFailure | null)[]): void {
    this.failures.set(route, [...(this.failures.get(route) ?? []), ...failures]);
  }

  callsOf(route: GraphRoute): GraphCall[] {
    return this.calls.filter((c) => c.route === route);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(err.message);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://fake');
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const call: GraphCall = {
      route: 'unknown',
      method: req.method ?? 'GET',
      path: url.pathname,
      token: auth?.[1] ?? null,
      query: Object.fromEntries(url.searchParams),
      json: {},
      fields: {},
      files: [],
      status: 200,
    };
    await readBody(req, body, call);
    call.route = this.routeOf(call);
    this.calls.push(call);
    const failure = this.failures.get(call.route)?.shift();
    if (failure) return this.fail(res, call, failure);
    const answer = this.run(call);
    if ('failure' in answer) return this.fail(res, call, answer.failure);
    if ('raw' in answer) {
      call.status = answer.raw.status;
      res.writeHead(answer.raw.status, answer.raw.headers);
      return void res.end(answer.raw.body);
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.ok));
  }

  private routeOf(call: GraphCall): GraphRoute {
    if (call.path.startsWith('/cdn/')) return 'cdn';
    if (call.path.startsWith('/wa-media/')) return 'whatsapp.media-download';
    const [, version, id, edge] = call.path.split('/');
    if (version !== GRAPH_VERSION || !id) return 'unknown';
    if (this.numbers.has(id)) {
      if (edge === 'messages' && call.method === 'POST') return 'whatsapp.messages';
      if (edge === 'media' && call.method === 'POST') return 'whatsapp.media-upload';
      if (!edge && call.method === 'GET') return 'whatsapp.number';
    }
    if (this.pages.has(id)) {
      if (edge === 'messages' && call.method === 'POST') return 'page.messages';
      if (edge === 'message_attachments' && call.method === 'POST') return 'page.attachments';
      if (edge === 'subscribed_apps') return 'page.subscribed-apps';
      if (!edge && call.method === 'GET') return 'page.info';
    }
    if (this.media.has(id) && !edge && call.method === 'GET') return 'whatsapp.media-info';
    if (!edge && call.method === 'GET') return 'profile';
    return 'unknown';
  }

  private run(
    call: GraphCall,
  ):
    | { ok: unknown }
    | { failure: GraphFailure }
    | { raw: { status: number; headers: Record<string, string>; body: Buffer | string } } {
    const [, , id] = call.path.split('/');
    const invalid = (message: string, code = 100, subcode?: number) => ({
      failure: { status: 400, code, subcode, message: `(#${code}) ${message}` },
    });
    const badToken = {
      failure: {
        status: 401,
        code: 190,
        message: 'Invalid OAuth access token - Cannot parse access token',
      },
    };
    switch (call.route) {
      case 'cdn': {
        const file = this.cdn.get(call.path);
        if (!file) return { raw: { status: 404, headers: {}, body: 'Not Found' } };
        if (file.redirectTo)
          return { raw: { status: 302, headers: { location: file.redirectTo }, body: '' } };
        return {
          raw: { status: 200, headers: { 'content-type': file.contentType }, body: file.content },
        };
      }
      case 'whatsapp.media-download': {
        const media = this.media.get(call.path.split('/')[2] ?? '');
        if (!media) return { raw: { status: 404, headers: {}, body: 'Not Found' } };
        if (call.token !== this.numbers.get(media.owner)) return badToken;
        if (media.redirectTo)
          return { raw: { status: 302, headers: { location: media.redirectTo }, body: '' } };
        return {
          raw: { status: 200, headers: { 'content-type': media.mimeType }, body: media.content },
        };
      }
      case 'whatsapp.media-info': {
        const media = this.media.get(id);
        if (!media || call.token !== this.numbers.get(media.owner)) return badToken;
        return {
          ok: {
            messaging_product: 'whatsapp',
            url:
              media.url ??
              `${this.url}/wa-media/${id}?ext=1&hash=${randomBytes(4).toString('hex')}`,
            mime_type: media.mimeType,
            sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
            file_size: media.size,
            id,
          },
        };
      }
      case 'whatsapp.number':
        if (call.token !== this.numbers.get(id)) return badToken;
        return {
          ok: {
            id,
            display_phone_number: '+49 30 1234567',
            verified_name: 'Touchpoint Test',
            quality_rating: 'GREEN',
          },
        };
      case 'whatsapp.media-upload': {
        if (call.token !== this.numbers.get(id)) return badToken;
        const file = call.files.find((f) => f.field === 'file');
        if (call.fields.messaging_product !== 'whatsapp' || !file)
          return invalid('Param file or messaging_product is missing');
        const mediaId = `up${randomBytes(6).toString('hex')}`;
        this.uploads.set(mediaId, file);
        return { ok: { id: mediaId } };
      }
      case 'whatsapp.messages':
        if (call.token !== this.numbers.get(id)) return badToken;
        return this.whatsappMessage(call.json);
      case 'page.info': {
        const page = this.pages.get(id);
        if (call.token !== page?.token) return badToken;
        return {
          ok: {
            id,
            name: 'Touchpoint Test Page',
            ...(page.kind === 'instagram' && {
              instagram_business_account: { id: '17841400000000000', username: 'touchpoint.test' },
            }),
          },
        };
      }
      case 'page.subscribed-apps':
        if (call.token !== this.pages.get(id)?.token) return badToken;
        return {
          ok: {
            data: [
              {
                id: '1234567890',
                name: 'Touchpoint',
                subscribed_fields: this.subscribedFields.get(id) ?? [],
              },
            ],
          },
        };
      case 'page.attachments': {
        const page = this.pages.get(id);
        if (call.token !== page?.token) return badToken;
        const file = call.files.find((f) => f.field === 'filedata');
        let message: { attachment?: { type?: string } } = {};
        try {
          message = JSON.parse(call.fields.message ?? '{}');
        } catch {
          return invalid('Invalid JSON for postcard message');
        }
        if (!file || !message.attachment?.type) return invalid('Invalid attachment');
        if (page.kind === 'instagram' && call.fields.platform !== 'instagram')
          return invalid('An Instagram upload needs platform=instagram');
        const attachmentId = String(700_000_000 + Math.floor(Math.random() * 1e8));
        this.uploads.set(attachmentId, file);
        return { ok: { attachment_id: attachmentId } };
      }
      case 'page.messages': {
        const page = this.pages.get(id);
        if (call.token !== page?.token) return badToken;
        return this.pageMessage(page.kind, call.json);
      }
      case 'profile': {
        const profile = this.profiles.get(id);
        if (!profile) return invalid('Unsupported get request', 100, 33);
        return { ok: { id, ...profile } };
      }
      default:
        return invalid('Unknown path components', 2500);
    }
  }

  private whatsappMessage(
    json: Record<string, unknown>,
  ): { ok: unknown } | { failure: GraphFailure } {
    const invalid = (message: string, code = 100) => ({
      failure: { status: 400, code, message: `(#${code}) ${message}` },
    });
    const to = String(json.to ?? '');
    if (json.messaging_product !== 'whatsapp') return invalid('messaging_product is required');
    if (!/^\d{8,15}$/.test(to)) return invalid('Invalid parameter: to', 131009);
    const type = String(json.type ?? 'text');
    const part = (json[type] ?? {}) as Record<string, unknown>;
    if (type === 'text') {
      const body = String(part.body ?? '');
      if (!body.trim()) return invalid('Param text.body is required', 131008);
      if (body.length > 4096) return invalid('Param text.body must be at most 4096 characters');
    } else if (['image', 'video', 'audio', 'document', 'sticker'].includes(type)) {
      if (!this.uploads.has(String(part.id ?? '')) && !part.link)
        return invalid('Media id is not valid', 131053);
    } else if (type === 'template') {
      const language = (part.language ?? {}) as { code?: string };
      const wanted = this.templates.get(`${String(part.name)}:${String(language.code)}`);
      if (wanted === undefined)
        return {
          failure: {
            status: 404,
            code: 132001,
            message: '(#132001) Template name does not exist in the translation',
          },
        };
      const components = (part.components ?? []) as { parameters?: unknown[] }[];
      const given = components.flatMap((c) => c.parameters ?? []).length;
      if (given !== wanted)
        return {
          failure: {
            status: 400,
            code: 132000,
            message: '(#132000) Number of parameters does not match the expected number of params',
          },
        };
    } else return invalid(`Unsupported message type ${type}`, 131051);
    return {
      ok: {
        messaging_product: 'whatsapp',
        contacts: [{ input: to, wa_id: to }],
        messages: [{ id: `wamid.${randomBytes(18).toString('base64url')}` }],
      },
    };
  }

  private pageMessage(
    kind: 'messenger' | 'instagram',
    json: Record<string, unknown>,
  ): { ok: unknown } | { failure: GraphFailure } {
    const invalid = (message: string, code = 100) => ({
      failure: { status: 400, code, message: `(#${code}) ${message}` },
    });
    const recipient = (json.recipient ?? {}) as { id?: string };
    if (!recipient.id) return invalid('param recipient must be non-empty');
    if (!['RESPONSE', 'UPDATE', 'MESSAGE_TAG'].includes(String(json.messaging_type)))
      return invalid('param messaging_type must be one of RESPONSE, UPDATE, MESSAGE_TAG');
    const message = (json.message ?? {}) as {
      text?: string;
      attachment?: { type?: string; payload?: { attachment_id?: string } };
    };
    if (message.text !== undefined) {
      const too =
        kind === 'instagram'
          ? Buffer.byteLength(message.text, 'utf8') > 1000
          : message.text.length > 2000;
      if (too)
        return invalid('Length of param message[text] must be less than or equal to the limit');
    } else if (!this.uploads.has(message.attachment?.payload?.attachment_id ?? ''))
      return invalid('Invalid attachment id');
    return {
      ok: {
        recipient_id: recipient.id,
        message_id: `${kind === 'instagram' ? 'aWdf' : 'm_'}${randomBytes(16).toString('base64url')}`,
      },
    };
  }

  private fail(res: ServerResponse, call: GraphCall, failure: GraphFailure): void {
    call.status = failure.status;
    const send = () => {
      this.held.delete(res);
      if (res.destroyed) return;
      res.writeHead(failure.status, {
        'content-type': 'application/json',
        ...(failure.retryAfter !== undefined && { 'retry-after': String(failure.retryAfter) }),
      });
      res.end(
        JSON.stringify({
          error: {
            message: failure.message ?? 'An unknown error has occurred.',
            type: 'OAuthException',
            ...(failure.code !== undefined && { code: failure.code }),
            ...(failure.subcode !== undefined && { error_subcode: failure.subcode }),
            ...(failure.details && {
              error_data: { messaging_product: 'whatsapp', details: failure.details },
            }),
            fbtrace_id: randomBytes(8).toString('base64url'),
          },
        }),
      );
    };
    if (!failure.hangMs) return send();
    this.held.add(res);
    setTimeout(send, failure.hangMs).unref();
  }
}

/** Query string, JSON or multipart form, as the Graph API takes them. */
async function readBody(req: IncomingMessage, body: Buffer, call: GraphCall): Promise<void> {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json') && body.length)
    call.json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  else if (type.startsWith('multipart/form-data')) {
    const form = await new Response(body, { headers: { 'content-type': type } }).formData();
    for (const [name, value] of form) {
      if (typeof value === 'string') call.fields[name] = value;
      else
        call.files.push({
          field: name,
          filename: value.name,
          contentType: value.type,
          content: Buffer.from(await value.arrayBuffer()),
        });
    }
  }
}
