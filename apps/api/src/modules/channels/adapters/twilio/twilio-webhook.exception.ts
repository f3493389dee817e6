import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../../../core/errors/app.exception';

export class InvalidTwilioSignatureException extends AppException {
  /** `url`: the address the signature was checked against, so an admin can compare it with Twilio's. */
  constructor(url: string, reason?: string) {
    super(
      'webhooks.invalid_signature',
      HttpStatus.UNAUTHORIZED,
      reason ??
        `Missing or wrong X-Twilio-Signature header: it must be Twilio's signature for ${url} with the channel's Auth Token (PUBLIC_URL must be the address configured in Twilio)`,
    );
  }
}
