import { randomBytes } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

/** One Messages create call as the fake received it. */
export interface MessageCreate {
  accountSid: string;
  /** Single-valued form parameters (To, From, Body, StatusCallback...). */
  params: Record<string, string>;
  /** Every `MediaUrl`, in order. */
  mediaUrls: string[];
  /** The SID given to the message when it was taken, also when its answer was held or lost. */
  sid?: string;
  /** The answer's HTTP status; 0 while none was sent. */
  status: number;
  at: number;
}

/** An error answer instead of taking the message, in Twilio's format; or no answer at all. */
export type TwilioFailure =
  | { status: number; code: number; message: string; retryAfter?: string }
  /** Twilio takes the message but its answer never comes (a lost answer). */
  | { lose: true };

/** A request for one of the fake's stored media, or for a file it fetched from a `MediaUrl`. */
export interface MediaRequest {
  path: string;
  /** Whether it carried an Authorization header. */
  withCredentials: boolean;
  status: number;
}

interface StoredMedia {
  content: Buffer;
  contentType: string;
  /** Where the Media resource redirects; by default the fake's own storage path. */
  redirectTo?: string;
}

interface Account {
  authToken: string;
  friendlyName: string;
  status: string;
  numbers: Map<string, { smsUrl?: string }>;
}

const API = '/2010-04-01';
const hex = (n: number) => randomBytes(n).toString('hex');

/**
 * Twilio's REST API and webhooks on loopback, as documented: Messages create (form-encoded, Basic
 * auth, 201 with the Message resource or `{code, message, more_info, status}` errors), Account and
 * IncomingPhoneNumbers reads, Media resources that redirect to short-lived storage URLs, signed
 * webhooks (X-Twilio-Signature made by Twilio's own library) to the app's public URLs. It fetches
 * every `MediaUrl` it is given, as Twilio does. It can fail, hold or lose answers and rate-limit,
 * and records what it got.
 */
export class FakeTwilio {
  url = '';
  readonly messages: MessageCreate[] = [];
  /** Requests for stored media, and the fake's fetches of the app's `MediaUrl` links. */
  readonly mediaRequests: MediaRequest[] = [];
  readonly fetched: { url: string; status: number; contentType?: string; content: Buffer }[] = [];
  /** Requests other than Messages create (account and number reads), as `METHOD path`. */
  readonly reads: string[] = [];
  /** Numbers that replied STOP: SMS to them is refused with 21610, as Twilio does. */
  readonly unsubscribed = new Set<string>();
  private readonly accounts = new Map<string, Account>();
  private readonly media = new Map<string, StoredMedia>();
  private readonly failures: TwilioFailure[] = [];
  private readonly open = new Set<ServerResponse>();
  private gate?: Promise<void>;
  private server?: Server;
  /** The app's PUBLIC_URL and where it is reachable in the test. */
  private publicUrl?: { public: string; local: string };

  /** Requests to the app's public address go to `local` (the fake plays the internet's DNS). */
  routePublicUrl(publicUrl: string, local: string): void {
    this.publicUrl = { public: publicUrl.replace(/\/+$/, ''), local: local.replace(/\/+$/, '') };
  }

  addAccount(opts: { status?: string; friendlyName?: string } = {}): {
    accountSid: string;
    authToken: string;
  } {
    const accountSid = `AC${hex(16)}`;
    const authToken = hex(16);
    this.accounts.set(accountSid, {
      authToken,
      friendlyName: opts.friendlyName ?? 'Touchpoint test',
      status: opts.status ?? 'active',
      numbers: new Map(),
    });
    return { accountSid, authToken };
  }

  /** An incoming phone number of the account; `smsUrl` is its "A message comes in" webhook. */
  addNumber(accountSid: string, phoneNumber: string, smsUrl?: string): void {
    this.accounts.get(accountSid)?.numbers.set(phoneNumber, { smsUrl });
  }

  /** A file a customer sent: answers its `MediaUrl`. */
  addMedia(
    accountSid: string,
    content: Buffer,
    contentType: string,
    opts: { redirectTo?: string } = {},
  ): string {
    const sid = `ME${hex(16)}`;
    this.media.set(sid, { content, contentType, ...opts });
    return `${this.url}${API}/Accounts/${accountSid}/Messages/MM${hex(16)}/Media/${sid}`;
  }

  /** The next Messages create calls fail (or lose their answer), one each. */
  failNext(...failures: TwilioFailure[]): void {
    this.failures.push(...failures);
  }

  /** A slow Twilio: messages are taken (and get their SID) at once, answered once released. */
  hold(): () => void {
    let release: (() => void) | undefined;
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gate = undefined;
      release?.();
    };
  }

  messagesTo(to: string): MessageCreate[] {
    return this.messages.filter((m) => m.params.To === to);
  }

  /** Twilio's signature of a request to `url` with these parameters (its own library). */
  sign(authToken: string, url: string, params: Record<string, string>): string {
    return twilio.getExpectedTwilioSignature(authToken, url, params);
  }

  /**
   * POSTs a webhook as Twilio does: form-encoded, signed for `url` (a public URL of the app) with the
   * Auth Token, unless `signature` says otherwise (`null`: no header).
   */
  async webhook(
    url: string,
    params: Record<string, string>,
    authToken: string,
    signature?: string | null,
  ): Promise<{ status: number; contentType?: string; body: string }> {
    const header = signature === undefined ? this.sign(authToken, url, params) : signature;
    return post(this.local(url), new URLSearchParams(params).toString(), {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'user-agent': 'TwilioProxy/1.1',
      'i-twilio-idempotency-token': randomBytes(16).toString('hex'),
      ...(header !== null && { 'x-twilio-signature': header }),
    });
  }

  /** The status callback Twilio sends about a message it took, to the StatusCallback it named. */
  async statusCallback(
    sid: string,
    status: string,
    extra: Record<string, string> = {},
  ): Promise<{ status: number; body: string }> {
    const message = this.messages.find((m) => m.sid === sid);
    if (!message?.params.StatusCallback) throw new Error(`no message ${sid} with a StatusCallback`);
    const account = this.accounts.get(message.accountSid);
    if (!account) throw new Error(`no account ${message.accountSid}`);
    const params: Record<string, string> = {
      AccountSid: message.accountSid,
      ApiVersion: '2010-04-01',
      MessageSid: sid,
      SmsSid: sid,
      MessageStatus: status,
      SmsStatus: status,
      To: message.params.To,
      From: message.params.From ?? '',
      ...extra,
    };
    return this.webhook(message.params.StatusCallback, params, account.authToken);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.open.add(res);
      res.on('close', () => this.open.delete(res));
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
    for (const res of this.open) res.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private local(url: string): string {
    const map = this.publicUrl;
    return map && url.startsWith(map.public) ? map.local + url.slice(map.public.length) : url;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;

    const stored = /^\/storage\/(ME[0-9a-f]{32})$/.exec(path);
    if (stored) {
      const media = this.media.get(stored[1]);
      const status = media && url.searchParams.get('Signature') ? 200 : 403;
      this.mediaRequests.push({ path, withCredentials: !!req.headers.authorization, status });
      if (!media || status !== 200)
        return xml(res, 403, '<Error><Code>AccessDenied</Code></Error>');
      res.writeHead(200, {
        'content-type': media.contentType,
        'content-length': media.content.length,
      });
      return void res.end(media.content);
    }

    const route = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})(\.json|\/.*)$/.exec(path);
    if (!route) return error(res, 404, 20404, 'The requested resource was not found');
    const [, accountSid, rest] = route;
    const account = this.accounts.get(accountSid);
    if (!this.authorized(req, accountSid)) {
      if (rest.includes('/Media/'))
        this.mediaRequests.push({
          path,
          withCredentials: !!req.headers.authorization,
          status: 401,
        });
      return error(res, 401, 20003, 'Authenticate');
    }
    if (!account) return error(res, 404, 20404, 'The requested resource was not found');

    const media = /^\/Messages\/MM[0-9a-f]{32}\/Media\/(ME[0-9a-f]{32})$/.exec(rest);
    if (media && req.method === 'GET') {
      const file = this.media.get(media[1]);
      this.mediaRequests.push({ path, withCredentials: true, status: file ? 307 : 404 });
      if (!file) return error(res, 404, 20404, 'The requested resource was not found');
      // As Twilio does: a short-lived URL on its media storage.
      const location =
        file.redirectTo ??
        `${this.url}/storage/${media[1]}?Expires=${Date.now()}&Signature=${hex(8)}`;
      res.writeHead(307, { location, 'content-type': 'text/plain' });
      return void res.end();
    }
    if (rest === '.json' && req.method === 'GET') {
      this.reads.push(`GET ${path}`);
      return json(res, 200, {
        sid: accountSid,
        friendly_name: account.friendlyName,
        status: account.status,
        type: 'Full',
      });
    }
    if (rest === '/IncomingPhoneNumbers.json' && req.method === 'GET') {
      this.reads.push(`GET ${path}${url.search}`);
      const wanted = url.searchParams.get('PhoneNumber');
      const numbers = [...account.numbers].filter(([n]) => !wanted || n === wanted);
      return json(res, 200, {
        incoming_phone_numbers: numbers.map(([phone_number, n]) => ({
          sid: `PN${hex(16)}`,
          phone_number,
          sms_url: n.smsUrl ?? '',
        })),
      });
    }
    if (rest === '/Messages.json' && req.method === 'POST')
      return this.createMessage(accountSid, body, res);
    return error(res, 404, 20404, 'The requested resource was not found');
  }

  private authorized(req: IncomingMessage, accountSid: string): boolean {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return false;
    const [user, token] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    return user === accountSid && this.accounts.get(user)?.authToken === token;
  }

  private async createMessage(
    accountSid: string,
    body: string,
    res: ServerResponse,
  ): Promise<void> {
    const form = new URLSearchParams(body);
    const params = Object.fromEntries([...form].filter(([k]) => k !== 'MediaUrl'));
    const record: MessageCreate = {
      accountSid,
      params,
      mediaUrls: form.getAll('MediaUrl'),
      status: 0,
      at: Date.now(),
    };
    this.messages.push(record);
    const failure = this.failures.shift();
    if (failure && !('lose' in failure)) {
      record.status = failure.status;
      return error(res, failure.status, failure.code, failure.message, failure.retryAfter);
    }
    const refusal = this.refusal(record);
    if (refusal) {
      record.status = 400;
      return error(res, 400, refusal.code, refusal.message);
    }
    record.sid = `${record.mediaUrls.length ? 'MM' : 'SM'}${hex(16)}`;
    // Taken: Twilio fetches the files now, whether or not its answer reaches the sender.
    void this.fetchMedia(record.mediaUrls);
    if (failure) return; // lost: the connection stays open until the sender gives up
    await this.gate;
    record.status = 201;
    json(res, 201, {
      sid: record.sid,
      account_sid: accountSid,
      to: params.To,
      from: params.From ?? null,
      messaging_service_sid: params.MessagingServiceSid ?? null,
      body: params.Body ?? '',
      status: params.MessagingServiceSid ? 'accepted' : 'queued',
      num_media: String(record.mediaUrls.length),
      num_segments: '1',
      direction: 'outbound-api',
      api_version: '2010-04-01',
      error_code: null,
      error_message: null,
      date_created: new Date().toUTCString(),
      uri: `${API}/Accounts/${accountSid}/Messages/${record.sid}.json`,
    });
  }

  /** What Twilio refuses at once (the rest fails later, in a status callback). */
  private refusal({ params, mediaUrls }: MessageCreate): { code: number; message: string } | null {
    const to = params.To ?? '';
    if (!to) return { code: 21604, message: "A 'To' phone number is required." };
    if (!params.From && !params.MessagingServiceSid)
      return { code: 21603, message: "A 'From' phone number is required." };
    if (!params.Body && !mediaUrls.length)
      return { code: 21602, message: 'Message body is required.' };
    if ((params.Body ?? '').length > 1600)
      return {
        code: 21617,
        message: 'The concatenated message body exceeds the 1600 character limit.',
      };
    const bare = to.replace(/^whatsapp:/, '');
    if (!/^\+[1-9]\d{7,14}$/.test(bare))
      return { code: 21211, message: `Invalid 'To' Phone Number: ${to}` };
    const toWhatsapp = to.startsWith('whatsapp:');
    if (params.From && params.From.startsWith('whatsapp:') !== toWhatsapp)
      return {
        code: 63007,
        message: 'Twilio could not find a Channel with the specified From address',
      };
    if (!toWhatsapp && this.unsubscribed.has(bare))
      return { code: 21610, message: 'Attempt to send to unsubscribed recipient' };
    return null;
  }

  private async fetchMedia(urls: string[]): Promise<void> {
    for (const url of urls) {
      const res = await get(this.local(url)).catch(() => ({
        status: 0,
        contentType: undefined,
        content: Buffer.alloc(0),
      }));
      this.fetched.push({ url, ...res });
    }
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function xml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(body);
}

function error(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  retryAfter?: string,
): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    ...(retryAfter !== undefined && { 'retry-after': retryAfter }),
  });
  res.end(
    JSON.stringify({
      code,
      message,
      more_info: `https://www.twilio.com/docs/errors/${code}`,
      status,
    }),
  );
}

function post(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; contentType?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function get(url: string): Promise<{ status: number; contentType?: string; content: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          content: Buffer.concat(chunks),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
