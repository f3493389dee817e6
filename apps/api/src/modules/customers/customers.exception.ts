import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';

export class InvalidContactCursorException extends AppException {
  constructor() {
    super(
      'contacts.invalid_cursor',
      HttpStatus.BAD_REQUEST,
      'cursor is not one this list handed out: start again without it',
    );
  }
}
