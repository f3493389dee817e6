import {
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { catchError, of, type Observable } from 'rxjs';

/** The ack of a socket event whose handler failed: the client hears back instead of waiting forever. */
export const SOCKET_FAILURE = { ok: false, error: 'The request failed: try again' } as const;

/**
 * A handler that throws is answered with `{ ok: false, error }` like a refused payload, so every
 * event a client sends with an ack gets one; the cause is logged, never sent.
 */
@Injectable()
export class SocketAckInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Sockets');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        this.logger.error(
          `${context.getClass().name}.${context.getHandler().name} failed: ${
            err instanceof Error ? (err.stack ?? err.message) : String(err)
          }`,
        );
        return of(SOCKET_FAILURE);
      }),
    );
  }
}
