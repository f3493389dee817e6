import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  headers: IncomingMessage['headers'];
  raw: string;
  body: unknown;
}

/** A loopback HTTP endpoint standing in for a custom source's callback URL. */
export class CallbackServer {
  readonly calls: ReceivedCall[] = [];
  /** Every request, answered or refused, with the status it got. */
  readonly requests: (ReceivedCall & { status: number; at: number })[] = [];
  /** Status to answer with; change it to simulate an outage. */
  status = 200;
  /** Statuses for the next requests, one each, before `status` applies again. */
  readonly nextStatuses: number[] = [];
  /** Sent as Retry-After with every 429 and 503 answer, when set. */
  retryAfter?: string;
  private server?: Server;
  private gate?: Promise<void>;
  url = '';

  /**
   * A slow receiver: requests are recorded as they arrive but answered only once the returned
   * function is called.
   */
  hold(): () => void {
    let release: (() => void) | undefined;
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gate = undefined;
      release?.();
    };
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString();
        const status = this.nextStatuses.shift() ?? this.status;
        const call = { headers: req.headers, raw, body: raw ? JSON.parse(raw) : undefined };
        this.requests.push({ ...call, status, at: Date.now() });
        void (this.gate ?? Promise.resolve()).then(() => {
          if (status < 300) this.calls.push(call);
          res.writeHead(status, {
            'content-type': 'application/json',
            ...((status === 429 || status === 503) && this.retryAfter
              ? { 'retry-after': this.retryAfter }
              : {}),
          });
          res.end(JSON.stringify({ id: `cb-${this.calls.length}` }));
        });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/callback`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
