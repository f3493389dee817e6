import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';

export class EraseConfirmationException extends AppException {
  constructor() {
    super(
      'privacy.unconfirmed',
      HttpStatus.BAD_REQUEST,
      'confirm: must repeat the id of the contact to erase (erasure cannot be undone)',
    );
  }
}

export class InvalidAuditCursorException extends AppException {
  constructor() {
    super(
      'privacy.invalid_cursor',
      HttpStatus.BAD_REQUEST,
      'cursor: is not one this list handed out',
    );
  }
}
