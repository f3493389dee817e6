import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';

export class SurveyNotFoundException extends AppException {
  constructor() {
    super('satisfaction.not_found', HttpStatus.NOT_FOUND, 'This survey link does not exist');
  }
}

export class SurveyClosedException extends AppException {
  constructor() {
    super(
      'satisfaction.closed',
      HttpStatus.GONE,
      'This survey has closed: ratings are taken for 7 days after it was sent',
    );
  }
}

export class TooManySurveyAttemptsException extends AppException {
  constructor(waitMs: number) {
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    super('rate_limited', HttpStatus.TOO_MANY_REQUESTS, 'Too many requests: try again later', {
      'Retry-After': String(seconds),
    });
  }
}
