import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../../core/errors/app.exception';

export class ApiTokenNotFoundException extends AppException {
  constructor(id: string) {
    super('api_tokens.not_found', HttpStatus.NOT_FOUND, `API token ${id} does not exist`);
  }
}
