import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';

export class InvalidSearchCursorException extends AppException {
  constructor() {
    super(
      'search.invalid_cursor',
      HttpStatus.BAD_REQUEST,
      'cursor is not valid: use the nextCursor of a previous page',
    );
  }
}
