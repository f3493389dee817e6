import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';

export class HandoffForbiddenException extends AppException {
  constructor(message: string) {
    super('handoffs.forbidden', HttpStatus.FORBIDDEN, message);
  }
}

export class HandoffStateException extends AppException {
  constructor(message: string) {
    super('handoffs.wrong_state', HttpStatus.CONFLICT, message);
  }
}

export class HandoffTargetException extends AppException {
  constructor(message: string) {
    super('handoffs.invalid_target', HttpStatus.BAD_REQUEST, message);
  }
}

export class HandoffNudgedRecentlyException extends AppException {
  constructor(minutes: number) {
    super(
      'handoffs.nudged_recently',
      HttpStatus.CONFLICT,
      `Its holder was reminded a moment ago; you can nudge again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
    );
  }
}
