/**
 * Preloaded (`node -r`) into a server the scale bench starts only to learn its SQL: every statement
 * the process sends through `pg`, with its values, is appended as a JSON line to SCALE_QUERY_LOG.
 * The servers the bench measures run without it.
 */
import { appendFileSync } from 'node:fs';
import { Client } from 'pg';

const file = process.env.SCALE_QUERY_LOG;
if (file) {
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const [config, values] = args as [
      string | { text?: string; values?: unknown[] } | undefined,
      unknown,
    ];
    const text = typeof config === 'string' ? config : config?.text;
    if (text)
      appendFileSync(
        file,
        `${JSON.stringify({
          text,
          values: Array.isArray(values)
            ? values
            : typeof config === 'object'
              ? (config.values ?? [])
              : [],
        })}\n`,
      );
    return query.apply(this, args);
  } as typeof Client.prototype.query;
}
