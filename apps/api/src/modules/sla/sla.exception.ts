import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';

/** Two policies of a team for the same channel kind and priority (the request schema says which). */
export class DuplicateSlaPolicyException extends AppException {
  constructor() {
    super(
      'sla.duplicate_policy',
      HttpStatus.BAD_REQUEST,
      'policies: a team has one policy per channel and priority',
    );
  }
}
