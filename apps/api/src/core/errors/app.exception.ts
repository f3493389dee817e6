import { HttpStatus } from '@nestjs/common';

/**
 * A failure the user can act on: a stable machine code (`<module>.<reason>`), an HTTP status and a
 * message written for people. Modules subclass or instantiate it; the global filter renders it.
 */
export class AppException extends Error {
  constructor(
    readonly code: string,
    readonly status: HttpStatus,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Ids the message speaks of, rendered as `related` for the client to act on. */
    readonly related?: Record<string, string>,
  ) {
    super(message);
  }
}

export class NotFoundException extends AppException {
  constructor(what: string, id: string) {
    super(`${what.toLowerCase()}.not_found`, HttpStatus.NOT_FOUND, `${what} ${id} does not exist`);
  }
}
