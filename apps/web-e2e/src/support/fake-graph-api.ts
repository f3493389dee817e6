import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake Graph API received it. */
export interface GraphRequest {
  method: string;
  path: string;
  /** The API version the path names (`v21.0`). */
  version: string;
  /** The node the path names (a phone number id). */
  nodeId: string;
  /** The edge after the node (`messages`), empty for the node itself. */
  edge: string;
  /** The bearer token it carried. */
  token: string | null;
  json: Record<string, unknown>;
  /** The answer's HTTP status and body. */
  status: number;
  answer: Record<string, unknown>;
}

interface Waiter {
  match: (request: GraphRequest) => boolean;
  resolve: (request: GraphRequest) => void;
}

/**
 * Meta's Graph API on loopback, only as far as a WhatsApp Cloud API reply needs it, in the
 * documented format: `GET /{version}/{phoneNumberId}` (the channel's check) and
 * `POST /{version}/{phoneNumberId}/messages` with a text (answers the new `wamid`). A wrong token
 * or an invalid message gets Meta's error JSON. Every request is recorded; a test waits for one
 * with `waitForRequest` instead of polling.
 */
export class FakeGraphApi {
  url = '';
  readonly requests: GraphRequest[] = [];
  private readonly numbers = new Map<string, string>();
  private readonly waiters = new Set<Waiter>();
  private server?: Server;

  /** A business phone number and the access token that may use it. */
  addNumber(): { phoneNumberId: string; accessToken: string } {
    const phoneNumberId = String(100_000_000_000_000 + Math.floor(Math.random() * 1e14));
    const accessToken = `EAAG${randomBytes(24).toString('hex')}`;
    this.numbers.set(phoneNumberId, accessToken);
    return { phoneNumberId, accessToken };
  }

  /** The first request (already received or still to come) that `match` accepts. */
  waitForRequest(
    match: (request: GraphRequest) => boolean,
    timeoutMs = 15_000,
  ): Promise<GraphRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (request) => {
          clearTimeout(timer);
          resolve(request);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const got = this.requests.map((r) => `${r.method} ${r.path} → ${r.status}`);
        reject(
          new Error(
            `The fake Graph API got no such request in ${timeoutMs} ms; it got: ${got.join(', ') || 'nothing'}`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(err.message);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://graph.invalid');
    const [, version = '', nodeId = '', edge = ''] = url.pathname.split('/');
    const json =
      raw && (req.headers['content-type'] ?? '').startsWith('application/json')
        ? (JSON.parse(raw) as Record<string, unknown>)
        : {};
    const request: GraphRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      version,
      nodeId,
      edge,
      token: /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null,
      json,
      status: 200,
      answer: {},
    };
    const { status, answer } = this.answer(request);
    request.status = status;
    request.answer = answer;
    this.requests.push(request);
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    for (const waiter of this.waiters) {
      if (!waiter.match(request)) continue;
      this.waiters.delete(waiter);
      waiter.resolve(request);
    }
  }

  private answer(request: GraphRequest): { status: number; answer: Record<string, unknown> } {
    if (!/^v\d+\.\d+$/.test(request.version) || !this.numbers.has(request.nodeId))
      return graphError(400, 2500, 'Unknown path components');
    if (request.token !== this.numbers.get(request.nodeId))
      return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
    if (request.method === 'GET' && !request.edge)
      return {
        status: 200,
        answer: {
          id: request.nodeId,
          display_phone_number: '+49 30 1234567',
          verified_name: 'Beispiel GmbH',
          quality_rating: 'GREEN',
        },
      };
    if (request.method !== 'POST' || request.edge !== 'messages')
      return graphError(400, 100, 'Unsupported request');
    const { json } = request;
    const to = typeof json.to === 'string' ? json.to : '';
    const text = (json.text ?? {}) as { body?: unknown };
    if (json.messaging_product !== 'whatsapp')
      return graphError(400, 100, 'The parameter messaging_product is required.');
    if (!/^\d{8,15}$/.test(to)) return graphError(400, 131009, 'Parameter value is not valid');
    if (json.type !== 'text' || typeof text.body !== 'string' || !text.body.trim())
      return graphError(400, 131008, 'Required parameter is missing');
    return {
      status: 200,
      answer: {
        messaging_product: 'whatsapp',
        contacts: [{ input: to, wa_id: to }],
        messages: [{ id: `wamid.${randomBytes(30).toString('base64url')}` }],
      },
    };
  }
}

/** An error as the Graph API words it. */
function graphError(
  status: number,
  code: number,
  message: string,
): { status: number; answer: Record<string, unknown> } {
  return {
    status,
    answer: {
      error: {
        message: `(#${code}) ${message}`,
        type: 'OAuthException',
        code,
        fbtrace_id: randomBytes(8).toString('base64url'),
      },
    },
  };
}
