import { HttpStatus } from '@nestjs/common';
import { UnauthenticatedException } from '../../core/auth/auth.exception';
import { AppException } from '../../core/errors/app.exception';

export class InvalidCredentialsException extends UnauthenticatedException {
  constructor() {
    super('Email or password is wrong', 'auth.invalid_credentials');
  }
}

/** A wait in words, rounded up: "45 seconds", "2 minutes", "1 hour". */
function inWords(seconds: number): string {
  const [n, unit] =
    seconds < 60
      ? [seconds, 'second']
      : seconds < 3600
        ? [Math.ceil(seconds / 60), 'minute']
        : [Math.ceil(seconds / 3600), 'hour'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

export class TooManySignInsException extends AppException {
  constructor(waitMs: number) {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    super(
      'rate_limited',
      HttpStatus.TOO_MANY_REQUESTS,
      `Too many failed sign-ins: try again in ${inWords(seconds)}`,
      { 'Retry-After': String(seconds) },
    );
  }
}
