import { HttpStatus } from '@nestjs/common';
import { UnauthenticatedException } from '../../core/auth/auth.exception';
import { AppException } from '../../core/errors/app.exception';

export class UserEmailTakenException extends AppException {
  constructor(email: string) {
    super(
      'users.email_taken',
      HttpStatus.CONFLICT,
      `A user with the email ${email} exists already`,
    );
  }
}

export class LastAdminException extends AppException {
  constructor() {
    super('users.last_admin', HttpStatus.CONFLICT, 'The workspace needs at least one active admin');
  }
}

export class SelfDeactivationException extends AppException {
  constructor() {
    super('users.self_deactivation', HttpStatus.CONFLICT, 'You cannot deactivate your own account');
  }
}

export class UnknownTeamsException extends AppException {
  constructor(ids: string[]) {
    super(
      'users.unknown_teams',
      HttpStatus.BAD_REQUEST,
      `teamIds: no team with id ${ids.join(', ')}`,
    );
  }
}

export class WrongCurrentPasswordException extends AppException {
  constructor() {
    super('users.wrong_password', HttpStatus.BAD_REQUEST, 'currentPassword is not your password');
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

export class UserDeactivatedException extends AppException {
  constructor(name: string) {
    super(
      'users.deactivated',
      HttpStatus.CONFLICT,
      `${name} is deactivated: reactivate the account first`,
    );
  }
}

export class InvitationPendingException extends AppException {
  constructor(name: string) {
    super(
      'users.invitation_pending',
      HttpStatus.CONFLICT,
      `${name} has not accepted the invitation yet: send the invitation again instead`,
    );
  }
}

export class AlreadyJoinedException extends AppException {
  constructor(name: string) {
    super(
      'users.already_joined',
      HttpStatus.CONFLICT,
      `${name} has accepted the invitation already: reset the password instead`,
    );
  }
}

export class SelfPasswordResetException extends AppException {
  constructor() {
    super(
      'users.self_password_reset',
      HttpStatus.CONFLICT,
      'You cannot reset your own password: change it in your account instead',
    );
  }
}
