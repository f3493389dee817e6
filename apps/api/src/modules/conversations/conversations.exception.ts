import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';

export class ConversationForbiddenException extends AppException {
  constructor() {
    super(
      'conversations.forbidden',
      HttpStatus.FORBIDDEN,
      'You do not have access to this conversation',
    );
  }
}

export class AlreadyOwnedException extends AppException {
  constructor(ownerName: string) {
    super(
      'conversations.already_owned',
      HttpStatus.CONFLICT,
      `${ownerName} already owns this conversation`,
    );
  }
}

export class InvalidCursorException extends AppException {
  constructor() {
    super(
      'conversations.invalid_cursor',
      HttpStatus.BAD_REQUEST,
      'cursor is not valid: use the nextCursor of a previous page',
    );
  }
}

export class ViewNotAllowedException extends AppException {
  constructor(message: string) {
    super('conversations.view_not_allowed', HttpStatus.FORBIDDEN, message);
  }
}

/** Status and priority of an owned conversation are its owner's call (or a supervisor's). */
export class NotOwnerUpdateException extends AppException {
  constructor() {
    super(
      'conversations.not_owner',
      HttpStatus.FORBIDDEN,
      'Only the owner (or a supervisor) changes the status or priority of this conversation',
    );
  }
}
