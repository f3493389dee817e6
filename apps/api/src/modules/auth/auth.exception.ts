import { UnauthenticatedException } from '../../core/auth/auth.exception';

export class InvalidCredentialsException extends UnauthenticatedException {
  constructor() {
    super('Email or password is wrong', 'auth.invalid_credentials');
  }
}

export class InvalidRefreshTokenException extends UnauthenticatedException {
  constructor() {
    super('Your session has ended, sign in again', 'auth.invalid_refresh_token');
  }
}

export class RefreshTokenReusedException extends UnauthenticatedException {
  constructor() {
    super(
      'This session was used twice and has been ended for safety, sign in again',
      'auth.refresh_token_reused',
    );
  }
}
