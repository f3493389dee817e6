import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../../../core/errors/app.exception';

export class InvalidSecretTokenException extends AppException {
  constructor() {
    super(
      'webhooks.invalid_secret_token',
      HttpStatus.UNAUTHORIZED,
      'Missing or wrong X-Telegram-Bot-Api-Secret-Token header',
    );
  }
}
