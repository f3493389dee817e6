import type { ApiErrorBody } from '@touchpoint/shared';
import { ApiError } from '../../../api/http';

/**
 * The text pieces of an assist answer (`text/event-stream`) as they arrive: `data: {"text"}` per
 * piece, `event: done` at the end, `event: error` (thrown as an ApiError) when it broke midway.
 */
export async function* readEventStream(response: Response): AsyncGenerator<string> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      buffer += decoder.decode(value, { stream: !done });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (!data) continue;
        if (event === 'done') return;
        if (event === 'error') {
          const body = JSON.parse(data) as ApiErrorBody;
          throw new ApiError({ status: body.statusCode, message: body.message, code: body.code });
        }
        const piece = (JSON.parse(data) as { text?: unknown }).text;
        if (typeof piece === 'string') yield piece;
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}
