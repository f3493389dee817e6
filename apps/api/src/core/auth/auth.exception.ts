import { HttpStatus } from '@nestjs/common';
import { AppException } from '../errors/app.exception';

export class UnauthenticatedException extends AppException {
  constructor(message = 'Sign in to continue', code = 'auth.unauthenticated') {
    super(code, HttpStatus.UNAUTHORIZED, message);
  }
}

export class ForbiddenException extends AppException {
  constructor(message = 'You are not allowed to do this') {
    super('auth.forbidden', HttpStatus.FORBIDDEN, message);
  }
}
