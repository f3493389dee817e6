import type { MultipartBody } from '../../multipart';
import { Injectable } from '@nestjs/common';
import { OutboundClient, type OutboundResponse } from '../../../../core/net/outbound.client';
import {
  OutboundRefusedError,
  OutboundTooLargeError,
  OutboundUrlError,
} from '../../../../core/net/outbound.errors';
import { arrayOf, isObject, numberOf, objectOf, stringOf } from './meta-json';

/** The Graph API version every call names; Meta keeps a version working for about two years. */
export const META_GRAPH_VERSION = 'v21.0';
export const META_GRAPH_BASE_URL = 'https://graph.facebook.com';

/** Graph API answers are small JSON documents. */
const ANSWER_LIMIT_BYTES = 1024 * 1024;

/** Where a channel's calls go and the token they carry. */
export interface GraphAccess {
  apiBaseUrl?: string;
  token: string;
}

/** Meta answered with an error: HTTP status, Graph error code (and subcode) and Meta's words. */
export class GraphApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly code?: number,
    readonly subcode?: number,
    /** How long Meta asks to wait (Retry-After, or the usage header's time to regain access). */
    readonly retryAfterMs?: number,
  ) {
    super(`Meta answered ${status}${code !== undefined ? ` (code ${code})` : ''}: ${detail}`);
  }
}

/** No answer from Meta (network, time limit): may work later. */
export class GraphUnreachableError extends Error {}

/** A file Meta offers that is not taken, with the reason: retrying cannot change it. */
export class MediaDroppedError extends Error {}

/**
 * The Graph API over the one guarded client. The token travels in the Authorization header, never
 * in a URL, and is cut out of any error text, so it cannot leak into logs or delivery errors.
 */
@Injectable()
export class GraphApiClient {
  /** Time limits; shorter only in tests that watch a call time out. */
  readonly limits = { callMs: 15_000, transferMs: 60_000 };

  constructor(private readonly outbound: OutboundClient) {}

  /** `GET|POST {apiBaseUrl}/{version}/{path}` with a JSON or multipart body; answers the JSON. */
  async call<T>(
    access: GraphAccess,
    method: 'GET' | 'POST',
    path: string,
    body?: { json: object } | { multipart: MultipartBody },
  ): Promise<T> {
    const upload = body && 'multipart' in body ? body.multipart : undefined;
    const json = body && 'json' in body ? JSON.stringify(body.json) : undefined;
    const res = await this.send(access, graphUrl(access, path), {
      method,
      headers: {
        authorization: `Bearer ${access.token}`,
        ...(upload && { 'content-type': upload.contentType }),
        ...(json !== undefined && { 'content-type': 'application/json' }),
      },
      ...((upload || json !== undefined) && { body: upload?.body ?? json }),
      maxBytes: ANSWER_LIMIT_BYTES,
      timeoutMs: upload ? this.limits.transferMs : this.limits.callMs,
    });
    return answerOf<T>(res, access);
  }

  /**
   * Downloads a file Meta names, only from addresses `allowed` accepts. Redirects are followed by
   * hand, up to `maxHops`, each hop checked the same way; the token (if any) goes to the first
   * address only. A refused address, a file over `maxBytes` or an error answer that will not change
   * is a MediaDroppedError with the reason; an outage is a GraphUnreachableError (worth a retry).
   */
  async download(
    url: string,
    options: {
      token?: string;
      maxBytes: number;
      maxHops: number;
      allowed: (url: URL) => string | null;
    },
  ): Promise<{ content: Buffer; contentType?: string }> {
    let current = url;
    for (let hop = 0; ; hop++) {
      const target = URL.canParse(current) ? new URL(current) : undefined;
      if (!target) throw new MediaDroppedError('Meta named no valid download address');
      const refusal = options.allowed(target);
      if (refusal) throw new MediaDroppedError(`not fetched from ${target.host}: ${refusal}`);
      let res: OutboundResponse;
      try {
        res = await this.outbound.request(target.toString(), {
          headers: hop === 0 && options.token ? { authorization: `Bearer ${options.token}` } : {},
          maxBytes: options.maxBytes,
          timeoutMs: this.limits.transferMs,
        });
      } catch (err) {
        const error = err as Error;
        if (error instanceof OutboundTooLargeError)
          throw new MediaDroppedError(
            `larger than the ${Math.round(options.maxBytes / 1024 / 1024)} MB a file may have`,
          );
        if (error instanceof OutboundRefusedError || error instanceof OutboundUrlError)
          throw new MediaDroppedError(`not fetched, ${error.message}`);
        throw new GraphUnreachableError(
          `The file could not be downloaded from ${target.host}: ${redact(error.message, options.token)}`,
        );
      }
      const location = res.headers.location;
      if (res.status >= 300 && res.status < 400 && location) {
        if (hop >= options.maxHops)
          throw new MediaDroppedError(
            `the download at ${target.host} redirects elsewhere, which is not followed`,
          );
        current = new URL(location, target).toString();
        continue;
      }
      if (res.ok) {
        const type = res.headers['content-type'];
        return { content: res.body, ...(type && { contentType: type.split(';')[0].trim() }) };
      }
      if (res.status === 429 || res.status >= 500)
        throw new GraphUnreachableError(
          `The file download at ${target.host} answered ${res.status}: try again later`,
        );
      throw new MediaDroppedError(
        `the download at ${target.host} answered ${res.status} ${res.statusText}`.trim(),
      );
    }
  }

  private async send(
    access: GraphAccess,
    url: string,
    init: Parameters<OutboundClient['request']>[1],
  ): Promise<OutboundResponse> {
    try {
      return await this.outbound.request(url, init);
    } catch (err) {
      // The guard's own refusals keep their type (retrying cannot help).
      const error = err as Error;
      error.message = redact(error.message, access.token);
      if (
        error instanceof OutboundRefusedError ||
        error instanceof OutboundUrlError ||
        error instanceof OutboundTooLargeError
      )
        throw error;
      throw new GraphUnreachableError(`Meta could not be reached: ${error.message}`);
    }
  }
}

export function graphBaseUrl(access: { apiBaseUrl?: string }): string {
  return (access.apiBaseUrl ?? META_GRAPH_BASE_URL).replace(/\/+$/, '');
}

function graphUrl(access: GraphAccess, path: string): string {
  return `${graphBaseUrl(access)}/${META_GRAPH_VERSION}/${path.replace(/^\/+/, '')}`;
}

function answerOf<T>(res: OutboundResponse, access: GraphAccess): T {
  let answer: unknown;
  try {
    answer = JSON.parse(res.body.toString('utf8'));
  } catch {
    answer = undefined;
  }
  const error = isObject(answer) ? answer.error : undefined;
  if (res.ok && isObject(answer) && !isObject(error)) return answer as T;
  const wait = retryAfterMs(res);
  if (!isObject(error)) {
    // A proxy's error page, or a server that is not the Graph API.
    throw new GraphApiError(
      res.status,
      `${res.statusText || 'no description'} (not a Graph API answer)`,
      undefined,
      undefined,
      wait,
    );
  }
  const details = stringOf(objectOf(error.error_data).details);
  const words = [stringOf(error.error_user_msg) ?? stringOf(error.message), details]
    .filter(Boolean)
    .filter((w, i, all) => all.indexOf(w) === i)
    .join(': ');
  throw new GraphApiError(
    res.status,
    redact(words || res.statusText || 'no description', access.token),
    numberOf(error.code),
    numberOf(error.error_subcode),
    wait,
  );
}

/**
 * How long Meta asks to wait: `Retry-After` (seconds or a date), else the largest
 * `estimated_time_to_regain_access` (minutes) of the business use case usage header.
 */
export function retryAfterMs(res: Pick<OutboundResponse, 'headers'>): number | undefined {
  const header = res.headers['retry-after'];
  const value = Array.isArray(header) ? header[0] : header;
  if (value) {
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
    const at = Date.parse(value);
    if (!Number.isNaN(at)) return Math.max(at - Date.now(), 0);
  }
  const usage = res.headers['x-business-use-case-usage'];
  if (typeof usage !== 'string') return undefined;
  try {
    const minutes = Object.values(objectOf(JSON.parse(usage)))
      .flatMap((uses) => arrayOf(uses))
      .map((use) => numberOf(objectOf(use).estimated_time_to_regain_access) ?? 0);
    const longest = Math.max(0, ...minutes);
    return longest > 0 ? longest * 60_000 : undefined;
  } catch {
    return undefined;
  }
}

function redact(text: string, token: string | undefined): string {
  return token ? text.split(token).join('<access token>') : text;
}
