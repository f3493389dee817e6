import { Injectable } from '@nestjs/common';
import type { ChannelConfig } from '@touchpoint/shared';
import { OutboundClient, type OutboundResponse } from '../../../../core/net/outbound.client';
import {
  OutboundRefusedError,
  OutboundTooLargeError,
  OutboundUrlError,
} from '../../../../core/net/outbound.errors';
import type { TelegramAnswer } from './telegram-bot-api.types';
import { multipartBody, type MultipartFile } from '../../multipart';

export const TELEGRAM_API_BASE_URL = 'https://api.telegram.org';
/** Bots may download files up to this size (Bot API `getFile`). */
export const TELEGRAM_DOWNLOAD_LIMIT_BYTES = 20 * 1024 * 1024;

const CALL_TIMEOUT_MS = 15_000;
const TRANSFER_TIMEOUT_MS = 60_000;
/** Bot API answers are small JSON documents. */
const ANSWER_LIMIT_BYTES = 1024 * 1024;

type TelegramConfig = ChannelConfig<'telegram'>;

/** Telegram answered with `ok: false`: `status` is its HTTP status, `description` its words. */
export class TelegramApiError extends Error {
  constructor(
    readonly method: string,
    readonly status: number,
    readonly description: string,
    /** Seconds Telegram asks to wait (429). */
    readonly retryAfter?: number,
  ) {
    super(`Telegram ${method} answered ${status}: ${description}`);
  }
}

/** No Bot API answer (network, time limit, an answer that is not the API's): may work later. */
export class TelegramUnreachableError extends Error {}

/**
 * The Bot API over the one guarded client. The bot token is part of every URL, so no error message
 * leaving here contains a URL.
 */
@Injectable()
export class TelegramBotApi {
  constructor(private readonly outbound: OutboundClient) {}

  /** A method with JSON parameters; answers its `result`. */
  async call<T>(config: TelegramConfig, method: string, params: object): Promise<T> {
    return this.answer<T>(
      method,
      config,
      await this.send(config, this.methodUrl(config, method), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(params),
        maxBytes: ANSWER_LIMIT_BYTES,
        timeoutMs: CALL_TIMEOUT_MS,
      }),
    );
  }

  /** A method that uploads one file (`sendPhoto`, `sendDocument`...) as multipart/form-data. */
  async upload<T>(
    config: TelegramConfig,
    method: string,
    fields: Record<string, string>,
    file: MultipartFile,
  ): Promise<T> {
    const { body, contentType } = await multipartBody(fields, file);
    return this.answer<T>(
      method,
      config,
      await this.send(config, this.methodUrl(config, method), {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
        maxBytes: ANSWER_LIMIT_BYTES,
        timeoutMs: TRANSFER_TIMEOUT_MS,
      }),
    );
  }

  /** The file behind a `getFile` path; OutboundTooLargeError beyond `maxBytes`. */
  async download(config: TelegramConfig, filePath: string, maxBytes: number): Promise<Buffer> {
    const url = `${baseUrl(config)}/file/bot${config.botToken}/${filePath.replace(/^\/+/, '')}`;
    const res = await this.send(config, url, { maxBytes, timeoutMs: TRANSFER_TIMEOUT_MS });
    if (res.ok) return res.body;
    const failure = new TelegramApiError('file download', res.status, res.statusText || 'failed');
    throw res.status >= 500 || res.status === 429
      ? new TelegramUnreachableError(failure.message)
      : failure;
  }

  private methodUrl(config: TelegramConfig, method: string): string {
    return `${baseUrl(config)}/bot${config.botToken}/${method}`;
  }

  private async send(
    config: TelegramConfig,
    url: string,
    init: Parameters<OutboundClient['request']>[1],
  ): Promise<OutboundResponse> {
    try {
      return await this.outbound.request(url, init);
    } catch (err) {
      // The guard's own refusals keep their type (retrying cannot help); the token never leaves.
      const error = err as Error;
      error.message = redact(error.message, config);
      if (
        error instanceof OutboundRefusedError ||
        error instanceof OutboundUrlError ||
        error instanceof OutboundTooLargeError
      )
        throw error;
      throw new TelegramUnreachableError(`Telegram could not be reached: ${error.message}`);
    }
  }

  private answer<T>(method: string, config: TelegramConfig, res: OutboundResponse): T {
    let answer: TelegramAnswer<T> | undefined;
    try {
      answer = JSON.parse(res.body.toString('utf8')) as TelegramAnswer<T>;
    } catch {
      answer = undefined;
    }
    if (!answer || typeof answer !== 'object' || typeof answer.ok !== 'boolean') {
      // A proxy's error page, or a server that is not the Bot API.
      const detail = `Telegram ${method} answered ${res.status} ${res.statusText} without a Bot API answer`;
      if (res.status >= 500 || res.status === 429) throw new TelegramUnreachableError(detail);
      throw new TelegramApiError(method, res.status, `${res.statusText || 'no description'}`);
    }
    if (answer.ok) return answer.result as T;
    throw new TelegramApiError(
      method,
      answer.error_code ?? res.status,
      redact(answer.description ?? (res.statusText || 'no description'), config),
      answer.parameters?.retry_after,
    );
  }
}

function baseUrl(config: TelegramConfig): string {
  return (config.apiBaseUrl ?? TELEGRAM_API_BASE_URL).replace(/\/+$/, '');
}

function redact(text: string, config: TelegramConfig): string {
  return config.botToken ? text.split(config.botToken).join('<bot token>') : text;
}
