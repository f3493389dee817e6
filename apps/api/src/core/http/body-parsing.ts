import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { isParserError, toErrorBody } from '../errors/http-exception.filter';

/** The only body formats the api reads: JSON (api, webhooks) and urlencoded (browser form posts). */
const BODY_TYPES = ['application/json', 'application/x-www-form-urlencoded'];
export const BODY_LIMIT = '1mb';
/** Deeper than any request we take; deeper bodies break JSON.stringify and PostgreSQL's jsonb. */
export const BODY_MAX_DEPTH = 64;

/** Whether `value` nests arrays/objects deeper than `max` (counted without recursion). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= max) return true;
    for (const inner of Object.values(item.value))
      stack.push({ value: inner, depth: item.depth + 1 });
  }
  return false;
}

/**
 * Upload routes (a path ending in `/uploads`) read a raw `application/octet-stream` body themselves,
 * as a stream with their own size limit; no parser touches it.
 */
function isStreamedUpload(req: Request): boolean {
  return (
    /\/uploads$/.test(req.path) && req.is('application/octet-stream') === 'application/octet-stream'
  );
}

function hasBody(req: Request): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0
  );
}

/**
 * Body parsers and their errors. A body that cannot be read is answered here with the usual error
 * JSON (400 malformed or nested too deeply, 413 too large, 415 unsupported charset or content
 * type): passed on, the static web app's error handler would turn it into a 404 for every route.
 */
export function useBodyParsers(app: NestExpressApplication): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!hasBody(req) || req.is(BODY_TYPES) || isStreamedUpload(req)) return next();
    const { body } = toErrorBody({ type: 'unsupported.content-type', status: 415 });
    res.status(body.statusCode).json(body);
  });
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!nestsDeeperThan(req.body, BODY_MAX_DEPTH)) return next();
    const { body } = toErrorBody({ type: 'entity.too.deep', status: 400 });
    res.status(body.statusCode).json(body);
  });
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!isParserError(err) || res.headersSent) return next(err);
    const { body } = toErrorBody(err);
    res.status(body.statusCode).json(body);
  });
}
