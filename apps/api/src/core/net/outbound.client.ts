import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { ipLiteral, normalizeHost, refusalOf } from './outbound-address';
import { isAllowedHost, type AllowedHost } from './outbound-allow-list';
import { OutboundRefusedError, OutboundTooLargeError, OutboundUrlError } from './outbound.errors';

/** Resolves a host name to all its addresses (node's `dns.lookup` with `all: true`). */
export type HostResolver = (host: string) => Promise<{ address: string; family: number }[]>;

export interface OutboundClientOptions {
  /** `OUTBOUND_ALLOW_HOSTS`: internal hosts that may be reached anyway. */
  allowHosts: readonly AllowedHost[];
  resolver?: HostResolver;
  resolveTimeoutMs?: number;
}

/** A host checked against the policy: connect to `address`, present `servername` for TLS. */
export interface CheckedTarget {
  host: string;
  port: number;
  address: string;
  /** The original name for SNI and certificate checks; undefined for an IP literal. */
  servername?: string;
}

export interface OutboundRequestInit {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The answer's body may not be larger (default 5 MB). */
  maxBytes?: number;
  /** For the whole exchange, redirects included (default 10 s). */
  timeoutMs?: number;
  /** Redirects followed, each hop checked like the first (default 0: a 3xx is the answer). */
  maxRedirects?: number;
}

export interface OutboundResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered (after redirects). */
  url: string;
  ok: boolean;
}

/** An answer whose body is read as it arrives (server-sent events, long downloads). */
export interface OutboundStream {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  /** Chunks as they arrive; ends with an error when the time limit, size limit or signal stops it. */
  body: Readable;
  ok: boolean;
}

export interface OutboundStreamInit extends Omit<OutboundRequestInit, 'maxRedirects'> {
  /** Stops the exchange (e.g. the person waiting for it went away). */
  signal?: AbortSignal;
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 10_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const systemResolver: HostResolver = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * The one way out of the process: every server-side HTTP request and every SMTP/IMAP connection
 * target goes through here. A host is resolved once, every address is checked (loopback, private,
 * link-local, CGNAT, multicast, reserved... are refused unless the host is in `OUTBOUND_ALLOW_HOSTS`)
 * and the connection is made to the checked address, so a name that re-resolves elsewhere between
 * check and connect (DNS rebinding) cannot slip through.
 */
export class OutboundClient {
  private readonly resolver: HostResolver;
  private readonly resolveTimeoutMs: number;

  constructor(private readonly options: OutboundClientOptions) {
    this.resolver = options.resolver ?? systemResolver;
    this.resolveTimeoutMs = options.resolveTimeoutMs ?? 5000;
  }

  /** Resolves and checks `host`; throws OutboundRefusedError, or the resolver's error. */
  async check(host: string, port: number): Promise<CheckedTarget> {
    const name = normalizeHost(host);
    const literal = ipLiteral(name);
    const addresses = literal ? [literal] : (await this.resolve(name)).map((a) => a.address);
    if (!addresses.length) throw new Error(`${name} has no address`);
    if (!isAllowedHost(this.options.allowHosts, name, port)) {
      // One refused address refuses the name: the resolver's order must not decide.
      for (const address of addresses) {
        const reason = refusalOf(address);
        if (reason) throw new OutboundRefusedError(name, address, reason);
      }
    }
    return { host: name, port, address: addresses[0], servername: literal ? undefined : name };
  }

  /**
   * Like `check`, for validating configuration: the refusal, or undefined when the host is allowed
   * or cannot be resolved now (the check at connect time still applies then).
   */
  async refusal(host: string, port: number): Promise<OutboundRefusedError | undefined> {
    try {
      await this.check(host, port);
      return undefined;
    } catch (err) {
      if (err instanceof OutboundRefusedError) return err;
      return undefined;
    }
  }

  /** Where to connect a raw TCP/TLS client (SMTP, IMAP): the checked IP, and the name for TLS. */
  async socketTarget(host: string, port: number): Promise<CheckedTarget> {
    return this.check(host, port);
  }

  /** An HTTP(S) request to a checked address, redirects re-checked per hop, size and time bounded. */
  async request(url: string, init: OutboundRequestInit = {}): Promise<OutboundResponse> {
    const timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const signal = AbortSignal.timeout(timeoutMs);
    const maxBytes = init.maxBytes ?? DEFAULT_MAX_BYTES;
    if (!URL.canParse(url)) throw new OutboundUrlError(`${url} is not a URL`);
    let current = new URL(url);
    let method = init.method ?? 'GET';
    let body = init.body;
    let headers = init.headers ?? {};
    for (let hop = 0; ; hop++) {
      const res = await this.exchange(current, {
        method,
        headers,
        body,
        maxBytes,
        signal,
        timeoutMs,
      });
      const location = res.headers.location;
      if (!REDIRECTS.has(res.status) || !location || hop >= (init.maxRedirects ?? 0)) return res;
      const next = new URL(location, current);
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method !== 'GET')) {
        method = 'GET';
        body = undefined;
      }
      // Credentials and signatures are meant for the origin that was configured.
      if (next.origin !== current.origin) headers = {};
      current = next;
    }
  }

  /**
   * Like `request` without redirects, but resolves as soon as the answer's head arrives and hands
   * its body over as it streams in. `timeoutMs` bounds the whole exchange, body included.
   */
  async stream(url: string, init: OutboundStreamInit = {}): Promise<OutboundStream> {
    const timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxBytes = init.maxBytes ?? DEFAULT_MAX_BYTES;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([timeout, init.signal]) : timeout;
    if (!URL.canParse(url)) throw new OutboundUrlError(`${url} is not a URL`);
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:')
      throw new OutboundUrlError(`${target.protocol} URLs are not fetched`);
    if (target.username || target.password)
      throw new OutboundUrlError('URLs with credentials are not fetched');
    const port = target.port ? Number(target.port) : target.protocol === 'https:' ? 443 : 80;
    const checked = await this.check(target.hostname, port);
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const limits = { signal: timeout, timeoutMs };
    return new Promise<OutboundStream>((resolve, reject) => {
      const req = send(
        {
          protocol: target.protocol,
          host: checked.address,
          family: isIP(checked.address),
          port,
          path: `${target.pathname}${target.search}`,
          method: init.method ?? 'GET',
          headers: {
            host: target.host,
            ...init.headers,
            ...(init.body !== undefined && {
              'content-length': String(Buffer.byteLength(init.body)),
            }),
          },
          servername: checked.servername,
          agent: false,
          signal,
        },
        (res: IncomingMessage) => {
          const status = res.statusCode ?? 0;
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) res.destroy(new OutboundTooLargeError(url, maxBytes));
          });
          res.on('close', () => {
            if (!res.complete && !res.errored)
              res.destroy(
                timeoutOr(
                  new Error('the connection closed before the answer was complete'),
                  limits,
                ),
              );
          });
          // Name the time limit, rather than the bare abort the signal would end the body with.
          timeout.addEventListener(
            'abort',
            () => res.destroy(new Error(`no answer within ${timeoutMs} ms`)),
            { once: true },
          );
          res.pause();
          resolve({
            status,
            statusText: res.statusMessage ?? '',
            headers: res.headers,
            body: res,
            ok: status >= 200 && status < 300,
          });
        },
      );
      req.on('error', (err) => reject(timeoutOr(err, limits)));
      if (init.body !== undefined) req.write(init.body);
      req.end();
    });
  }

  private async resolve(name: string): Promise<{ address: string; family: number }[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${name} could not be resolved in time`)),
        this.resolveTimeoutMs,
      );
    });
    try {
      return await Promise.race([this.resolver(name), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async exchange(
    url: URL,
    opts: {
      method: string;
      headers: Record<string, string>;
      body?: string | Buffer;
      maxBytes: number;
      signal: AbortSignal;
      timeoutMs: number;
    },
  ): Promise<OutboundResponse> {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new OutboundUrlError(`${url.protocol} URLs are not fetched`);
    if (url.username || url.password)
      throw new OutboundUrlError('URLs with credentials are not fetched');
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    const target = await this.check(url.hostname, port);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const where = url.toString();
    return new Promise<OutboundResponse>((resolve, reject) => {
      const fail = (err: Error) => {
        req.destroy();
        reject(err);
      };
      const req = send(
        {
          protocol: url.protocol,
          // The checked address, not the name: nothing resolves again between check and connect.
          host: target.address,
          family: isIP(target.address),
          port,
          path: `${url.pathname}${url.search}`,
          method: opts.method,
          headers: {
            host: url.host,
            ...opts.headers,
            ...(opts.body !== undefined && {
              'content-length': String(Buffer.byteLength(opts.body)),
            }),
          },
          servername: target.servername,
          agent: false,
          signal: opts.signal,
        },
        (res: IncomingMessage) => {
          const status = res.statusCode ?? 0;
          const answer = {
            status,
            statusText: res.statusMessage ?? '',
            headers: res.headers,
            url: where,
          };
          if (REDIRECTS.has(status) && res.headers.location) {
            res.destroy();
            return resolve({ ...answer, body: Buffer.alloc(0), ok: false });
          }
          if (Number(res.headers['content-length'] ?? 0) > opts.maxBytes)
            return fail(new OutboundTooLargeError(where, opts.maxBytes));
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > opts.maxBytes) fail(new OutboundTooLargeError(where, opts.maxBytes));
            else chunks.push(chunk);
          });
          res.on('end', () =>
            resolve({ ...answer, body: Buffer.concat(chunks), ok: status >= 200 && status < 300 }),
          );
          res.on('error', (err) => reject(timeoutOr(err, opts)));
          // An abort (time limit) or a dropped connection mid-body may end with 'close' alone.
          res.on('close', () => {
            if (!res.complete)
              reject(
                timeoutOr(new Error('the connection closed before the answer was complete'), opts),
              );
          });
        },
      );
      req.on('error', (err) => reject(timeoutOr(err, opts)));
      if (opts.body !== undefined) req.write(opts.body);
      req.end();
    });
  }
}

function timeoutOr(err: Error, opts: { signal: AbortSignal; timeoutMs: number }): Error {
  return opts.signal.aborted ? new Error(`no answer within ${opts.timeoutMs} ms`) : err;
}
