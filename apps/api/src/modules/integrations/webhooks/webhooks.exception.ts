import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../../core/errors/app.exception';

export class WebhookNotFoundException extends AppException {
  constructor(id: string) {
    super('webhooks.not_found', HttpStatus.NOT_FOUND, `Webhook ${id} does not exist`);
  }
}

export class WebhookDeliveryNotFoundException extends AppException {
  constructor(id: string) {
    super(
      'webhooks.delivery_not_found',
      HttpStatus.NOT_FOUND,
      `Webhook delivery ${id} does not exist (deliveries are kept 30 days)`,
    );
  }
}
