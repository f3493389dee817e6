import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';

/**
 * A one-time link that does not work. Its holder learns only which of three cases it is, nothing
 * about the account behind it.
 */
export abstract class LinkUnavailableException extends AppException {}

export class UnknownLinkException extends LinkUnavailableException {
  constructor() {
    super(
      'invitations.unknown',
      HttpStatus.NOT_FOUND,
      'This link is not valid: check that it was copied completely, or ask an admin for a new one',
    );
  }
}

/** Also a link replaced by a newer one, or one of a deactivated account. */
export class ExpiredLinkException extends LinkUnavailableException {
  constructor() {
    super(
      'invitations.expired',
      HttpStatus.GONE,
      'This link has expired: ask an admin for a new one',
    );
  }
}

export class UsedLinkException extends LinkUnavailableException {
  constructor() {
    super(
      'invitations.used',
      HttpStatus.GONE,
      'This link has been used already: sign in, or ask an admin for a new one',
    );
  }
}

export class TooManyLinkAttemptsException extends AppException {
  constructor(waitMs: number) {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    const minutes = Math.ceil(seconds / 60);
    super(
      'rate_limited',
      HttpStatus.TOO_MANY_REQUESTS,
      `Too many links that do not work: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
      { 'Retry-After': String(seconds) },
    );
  }
}
