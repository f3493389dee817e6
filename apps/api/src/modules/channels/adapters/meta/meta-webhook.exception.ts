import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../../../core/errors/app.exception';

/** Meta's subscription handshake did not name this channel's verify token. */
export class VerifyTokenRefusedException extends AppException {
  constructor() {
    super(
      'webhooks.verify_token_refused',
      HttpStatus.FORBIDDEN,
      "hub.mode must be subscribe and hub.verify_token the channel's verifyToken",
    );
  }
}
