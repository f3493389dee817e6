import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { ApiErrorBody } from '@touchpoint/shared';
import type { Request, Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '../database/database-unavailable';
import { AppException } from './app.exception';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Seconds a client should wait before retrying while the database is away. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Why a body was refused with 415, by body-parser's error type. */
const UNSUPPORTED_BODY: Record<string, string> = {
  'charset.unsupported': 'Request body must be UTF-8',
  'encoding.unsupported': 'Request body content encoding is not supported',
  default: 'Content-Type must be application/json or application/x-www-form-urlencoded',
};

/** Body-parser errors carry a `type` and a status. */
interface ParserError {
  type: string;
  status?: number;
}
export function isParserError(e: unknown): e is ParserError {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as ParserError).type === 'string' &&
    'status' in e
  );
}

/** Renders every error as `{statusCode, error, message}`; nothing else (no stack) leaves the server. */
export function toErrorBody(exception: unknown): {
  body: ApiErrorBody;
  headers: Record<string, string>;
} {
  const make = (statusCode: number, message: string, extra: Partial<ApiErrorBody> = {}) => ({
    statusCode,
    error: REASONS[statusCode] ?? 'Error',
    message,
    ...extra,
  });

  if (exception instanceof AppException) {
    return {
      body: make(exception.status, exception.message, {
        code: exception.code,
        ...(exception.related && { related: exception.related }),
      }),
      headers: exception.headers,
    };
  }
  if (exception instanceof ZodValidationException) {
    const error = exception.getZodError();
    const issues = error instanceof ZodError ? error.issues : [];
    const details = issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const message = details.length
      ? details.map((d) => (d.path ? `${d.path} ${d.message}` : d.message)).join('; ')
      : 'Validation failed';
    return { body: make(400, message, { code: 'validation.failed', details }), headers: {} };
  }
  if (exception instanceof ThrottlerException) {
    return {
      body: make(429, 'Too many requests, try again later', { code: 'rate_limited' }),
      headers: {},
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const raw =
      typeof response === 'string' ? response : (response as { message?: unknown }).message;
    const message = Array.isArray(raw)
      ? raw.join('; ')
      : typeof raw === 'string'
        ? raw
        : exception.message;
    return { body: make(status, message), headers: {} };
  }
  if (isParserError(exception)) {
    if (exception.type === 'entity.parse.failed') {
      return {
        body: make(400, 'Request body is not valid JSON', { code: 'request.invalid_json' }),
        headers: {},
      };
    }
    if (exception.type === 'entity.too.deep') {
      return {
        body: make(400, 'Request body is nested too deeply', { code: 'request.too_deep' }),
        headers: {},
      };
    }
    if (exception.type === 'entity.too.large') {
      return {
        body: make(413, 'Request body is too large', { code: 'request.too_large' }),
        headers: {},
      };
    }
    if (exception.status === 415) {
      return {
        body: make(415, UNSUPPORTED_BODY[exception.type] ?? UNSUPPORTED_BODY.default, {
          code: 'request.unsupported_media_type',
        }),
        headers: {},
      };
    }
    if (exception.status && exception.status >= 400 && exception.status < 500) {
      return {
        body: make(exception.status, 'Request body could not be read', {
          code: 'request.unreadable',
        }),
        headers: {},
      };
    }
  }
  if (isDatabaseUnavailable(exception)) {
    return {
      body: make(503, 'The database is unavailable, try again shortly', {
        code: 'database.unavailable',
      }),
      headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
    };
  }
  return {
    body: make(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'Something went wrong on our side. It has been logged.',
    ),
    headers: {},
  };
}

@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const { body, headers } = toErrorBody(exception);
    if (body.code === 'database.unavailable') {
      // An outage fails every request: one line each, a stack trace would only repeat itself.
      const req = http.getRequest<Request>();
      const e = exception as { message?: string; code?: string };
      const reason = (e.message || e.code || 'unreachable').split('\n')[0];
      this.logger.error(`Database unavailable: ${req.method} ${req.originalUrl}: ${reason}`);
    } else if (
      body.statusCode >= 500 &&
      (exception instanceof HttpException || exception instanceof AppException)
    ) {
      // Answered on purpose (health says what is down): one line, the stack says nothing new.
      const req = http.getRequest<Request>();
      this.logger.warn(`${body.statusCode} ${req.method} ${req.originalUrl}: ${body.message}`);
    } else if (body.statusCode >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    if (res.headersSent) return;
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.status(body.statusCode).json(body);
  }
}
