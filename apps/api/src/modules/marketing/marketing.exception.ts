import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';

/** A `since` or `cursor` the API did not hand out (or of the other kind). */
export class InvalidSuppressionCursorException extends AppException {
  constructor(field: 'since' | 'cursor') {
    super(
      'marketing.invalid_cursor',
      HttpStatus.BAD_REQUEST,
      field === 'since'
        ? 'since is not valid: use the since of the list or the nextCursor of a previous poll'
        : 'cursor is not valid: use the nextCursor of the previous page',
    );
  }
}
