import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { isParserError, toErrorBody } from '../errors/http-exception.filter';

/** The only body formats the api reads: JSON (api, webhooks) and urlencoded (browser form posts). */
const BODY_TYPES = ['application/json', 'application/x-www-form-urlencoded'];
export const BODY_LIMIT = '1mb';

function hasBody(req: Request): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0
  );
}

/**
 * Body parsers and their errors. A body that cannot be read is answered here (400 malformed,
 * 413 too large, 415 unsupported charset or content type) with the usual error JSON: passed on,
 * the static web app's error handler would turn it into a 404 for every api route.
 */
export function useBodyParsers(app: NestExpressApplication): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!hasBody(req) || req.is(BODY_TYPES)) return next();
    const { body } = toErrorBody({ type: 'unsupported.content-type', status: 415 });
    res.status(body.statusCode).json(body);
  });
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!isParserError(err) || res.headersSent) return next(err);
    const { body } = toErrorBody(err);
    res.status(body.statusCode).json(body);
  });
}
