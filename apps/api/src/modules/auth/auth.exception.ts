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

/** What the refused attempts were: signing in, or giving the current password to change it. */
export type PasswordCheck = 'sign-in' | 'password-change';

export class TooManySignInsException extends AppException {
  constructor(waitMs: number, check: PasswordCheck = 'sign-in') {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    const what = check === 'sign-in' ? 'failed sign-ins' : 'wrong passwords';
    super(
      'rate_limited',
      HttpStatus.TOO_MANY_REQUESTS,
      `Too many ${what}: try again in ${inWords(seconds)}`,
      { 'Retry-After': String(seconds) },
    );
  }
}
