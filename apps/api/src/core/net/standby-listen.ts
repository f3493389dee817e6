import type { AddressInfo, Server } from 'node:net';
import type { Logger } from '@nestjs/common';

/** Another process on this machine holds the port: try again this often, to take over when it stops. */
export const STANDBY_RETRY_MS = 30_000;

/** A server that listens like `net.Server` (SMTPServer wraps one as `server`). */
export interface Listenable {
  server: Server;
  listen(port: number, host: string, callback: () => void): unknown;
}

/**
 * Listens on `port`; when another process holds it (two workers on one machine), stands by and
 * tries again every STANDBY_RETRY_MS until it gets the port or `stopped()` says to give up.
 * Resolves once listening or standing by; `onListening` gets the bound port each time.
 */
export async function listenOrStandBy(opts: {
  target: Listenable;
  port: number;
  host: string;
  logger: Logger;
  busyMessage: string;
  onListening: (port: number) => void;
  stopped: () => boolean;
  /** The retry timer, so the caller can clear it on shutdown. */
  onRetry: (timer: NodeJS.Timeout) => void;
}): Promise<void> {
  const { target, port, host } = opts;
  if (opts.stopped()) return;
  try {
    await new Promise<void>((resolve, reject) => {
      target.server.once('error', reject);
      target.listen(port, host, () => {
        target.server.off('error', reject);
        resolve();
      });
    });
    opts.onListening((target.server.address() as AddressInfo).port);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    opts.logger.warn(`${opts.busyMessage}; retrying every ${STANDBY_RETRY_MS / 1000} s`);
    const timer = setTimeout(
      () => void listenOrStandBy(opts).catch(() => undefined),
      STANDBY_RETRY_MS,
    );
    timer.unref();
    opts.onRetry(timer);
  }
}
