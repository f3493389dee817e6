import { Injectable } from '@nestjs/common';
import type { ChannelConfig } from '@touchpoint/shared';
import {
  OutboundClient,
  type OutboundRequestInit,
  type OutboundResponse,
} from '../../../../core/net/outbound.client';
import {
  OutboundRefusedError,
  OutboundTooLargeError,
  OutboundUrlError,
} from '../../../../core/net/outbound.errors';
import { retryAfterMs } from '../../../../core/net/retry-after';
import { isTwilioMediaLocation, mediaUrlRefusal } from './twilio-media';

export const TWILIO_API_BASE_URL = 'https://api.twilio.com';

/** REST API answers are small JSON documents. */
const ANSWER_LIMIT_BYTES = 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

type TwilioConfig = ChannelConfig<'twilio'>;

/** The fields of a Message resource we read. */
export interface TwilioMessageResource {
  sid: string;
  status?: string;
  error_code?: number | null;
  error_message?: string | null;
}

export interface TwilioAccountResource {
  sid: string;
  status?: string;
  friendly_name?: string;
}

/** The fields of an IncomingPhoneNumber resource we read. */
export interface TwilioNumberResource {
  phone_number: string;
  /** Where Twilio sends the number's incoming messages ("A message comes in"). */
  sms_url?: string | null;
}

/**
 * Twilio answered with an error: `status` is the HTTP status, `code` Twilio's error code
 * (https://www.twilio.com/docs/api/errors) when its JSON error named one.
 */
export class TwilioApiError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly code: number | undefined,
    readonly description: string,
    /** What Retry-After asked for (429, 503). */
    readonly retryAfterMs?: number,
  ) {
    super(
      `Twilio ${operation} answered ${status}${code ? ` (error ${code})` : ''}: ${description}`,
    );
  }
}

/** No answer from Twilio (network, time limit): may work later. */
export class TwilioUnreachableError extends Error {}

/** A customer's file that will never be fetched (not a Twilio file, sent elsewhere); the reason in words. */
export class TwilioMediaRefusedError extends Error {}

/**
 * Twilio's REST API (2010-04-01) over the one guarded client, with HTTP Basic auth (Account SID and
 * Auth Token). The Auth Token only travels in the Authorization header, never in a URL or a message.
 */
@Injectable()
export class TwilioRestApi {
  /** Time limits per call and per file; shorter only in tests that watch them run out. */
  timeouts = { callMs: 15_000, mediaMs: 60_000 };

  constructor(private readonly outbound: OutboundClient) {}

  /** `POST /Accounts/{sid}/Messages.json`: Twilio takes the message (status queued or accepted). */
  async createMessage(
    config: TwilioConfig,
    params: URLSearchParams,
  ): Promise<TwilioMessageResource> {
    const res = await this.call(config, `${accountPath(config)}/Messages.json`, {
      method: 'POST',
      headers: {
        ...auth(config),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: params.toString(),
    });
    const message = this.answer<TwilioMessageResource>('Messages create', res);
    if (typeof message.sid !== 'string' || !message.sid)
      throw new TwilioApiError('Messages create', res.status, undefined, 'the answer names no sid');
    return message;
  }

  /** `GET /Accounts/{sid}.json`: the credentials work, and the account's state. */
  async fetchAccount(config: TwilioConfig): Promise<TwilioAccountResource> {
    const res = await this.call(config, `${accountPath(config)}.json`, { headers: auth(config) });
    return this.answer<TwilioAccountResource>('Account fetch', res);
  }

  /** The account's incoming phone number `phoneNumber` (E.164), if it has it. */
  async findNumber(
    config: TwilioConfig,
    phoneNumber: string,
  ): Promise<TwilioNumberResource | undefined> {
    const query = new URLSearchParams({ PhoneNumber: phoneNumber, PageSize: '1' });
    const res = await this.call(
      config,
      `${accountPath(config)}/IncomingPhoneNumbers.json?${query}`,
      { headers: auth(config) },
    );
    const list = this.answer<{ incoming_phone_numbers?: TwilioNumberResource[] }>(
      'IncomingPhoneNumbers read',
      res,
    );
    const [number] = Array.isArray(list.incoming_phone_numbers) ? list.incoming_phone_numbers : [];
    return number && typeof number.phone_number === 'string' ? number : undefined;
  }

  /**
   * A customer's file: its Media resource on the channel's API with the credentials, then the one
   * redirect Twilio documents, to its media storage, without them (see twilio-media.ts). Throws
   * TwilioMediaRefusedError for a file that will never be fetched, OutboundTooLargeError beyond
   * `maxBytes`, TwilioApiError for an error answer, TwilioUnreachableError when Twilio is away.
   */
  async downloadMedia(
    config: TwilioConfig,
    url: string,
    maxBytes: number,
  ): Promise<{ content: Buffer; contentType?: string | string[] }> {
    const base = apiBaseUrl(config);
    const refusal = mediaUrlRefusal(url, base, config.accountSid);
    if (refusal) throw new TwilioMediaRefusedError(`not fetched: ${refusal}`);
    const deadline = Date.now() + this.timeouts.mediaMs;
    const left = () => Math.max(deadline - Date.now(), 1);
    let res = await this.send(url, { headers: auth(config), maxBytes, timeoutMs: left() });
    if (REDIRECTS.has(res.status) && res.headers.location) {
      const next = URL.canParse(res.headers.location, url)
        ? new URL(res.headers.location, url)
        : undefined;
      if (!next || !isTwilioMediaLocation(next, base))
        throw new TwilioMediaRefusedError(
          `not fetched: Twilio sent it on to ${next?.host ?? 'an address that is not a URL'}, which is not Twilio's media storage`,
        );
      // The storage URL is signed by Twilio: the account's credentials stay with the API.
      res = await this.send(next.toString(), { maxBytes, timeoutMs: left() });
      if (REDIRECTS.has(res.status))
        throw new TwilioMediaRefusedError("not fetched: Twilio's media storage sent it on again");
    }
    if (!res.ok) throw failure('Media fetch', res, errorOf(res));
    return { content: res.body, contentType: res.headers['content-type'] };
  }

  private call(
    config: TwilioConfig,
    path: string,
    init: OutboundRequestInit,
  ): Promise<OutboundResponse> {
    return this.send(`${apiBaseUrl(config)}${path}`, {
      ...init,
      maxBytes: ANSWER_LIMIT_BYTES,
      timeoutMs: this.timeouts.callMs,
    });
  }

  private async send(url: string, init: OutboundRequestInit): Promise<OutboundResponse> {
    try {
      // Redirects are not followed here: only downloadMedia takes one, after checking where to.
      return await this.outbound.request(url, { ...init, maxRedirects: 0 });
    } catch (err) {
      // The guard's refusals and the size limit keep their type: retrying cannot help.
      if (
        err instanceof OutboundRefusedError ||
        err instanceof OutboundUrlError ||
        err instanceof OutboundTooLargeError
      )
        throw err;
      throw new TwilioUnreachableError(`Twilio could not be reached: ${(err as Error).message}`);
    }
  }

  private answer<T>(operation: string, res: OutboundResponse): T {
    const json = parseJson(res.body);
    if (res.ok && json && typeof json === 'object') return json as T;
    throw failure(operation, res, errorOf(res, json));
  }
}

export function apiBaseUrl(config: TwilioConfig): string {
  return (config.apiBaseUrl ?? TWILIO_API_BASE_URL).replace(/\/+$/, '');
}

function accountPath(config: TwilioConfig): string {
  return `/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}`;
}

function auth(config: TwilioConfig): Record<string, string> {
  const credentials = Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64');
  return { authorization: `Basic ${credentials}` };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Twilio's error JSON: `{code, message, more_info, status}`. */
function errorOf(
  res: OutboundResponse,
  json = parseJson(res.body),
): { code?: number; text: string } {
  const body = json && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  const code = typeof body.code === 'number' && body.code > 0 ? body.code : undefined;
  const text =
    typeof body.message === 'string' && body.message.trim()
      ? body.message.trim().slice(0, 500)
      : `${res.status} ${res.statusText}`.trim();
  return { code, text };
}

/** Busy or away (429, 5xx) with the wait Twilio names; anything else as Twilio's error. */
function failure(
  operation: string,
  res: OutboundResponse,
  { code, text }: { code?: number; text: string },
): TwilioApiError {
  const wait =
    res.status === 429 || res.status >= 500 ? retryAfterMs(res.headers['retry-after']) : undefined;
  return new TwilioApiError(operation, res.status, code, text, wait);
}
