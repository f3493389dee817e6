import type { Request, Response } from 'express';
import { toErrorBody } from '../../core/errors/http-exception.filter';

/** Aborted when the browser goes away (Stop, closed tab): the model server is stopped too. */
export function abortOnClose(req: Request, res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  req.on('aborted', () => controller.abort());
  return controller.signal;
}

/**
 * Writes the model's text as server-sent events: `data: {"text":"…"}` per piece, then `event: done`
 * with the length, or `event: error` with the usual error body when the stream breaks midway.
 */
export async function writeEventStream(
  res: Response,
  pieces: AsyncGenerator<string>,
  signal: AbortSignal,
): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  let length = 0;
  try {
    for await (const text of pieces) {
      if (signal.aborted) break;
      length += text.length;
      res.write(`data: ${JSON.stringify({ text })}\n\n`);
    }
    if (!signal.aborted) res.write(`event: done\ndata: ${JSON.stringify({ length })}\n\n`);
  } catch (err) {
    if (!signal.aborted)
      res.write(`event: error\ndata: ${JSON.stringify(toErrorBody(err).body)}\n\n`);
  } finally {
    res.end();
  }
}
