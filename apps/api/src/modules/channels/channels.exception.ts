import { HttpStatus } from '@nestjs/common';
import type { ZodError } from 'zod';
import { AppException } from '../../core/errors/app.exception';

export class ChannelNotFoundException extends AppException {
  constructor(id: string) {
    super(
      'channels.not_found',
      HttpStatus.NOT_FOUND,
      `Channel ${id} does not exist or is disabled`,
    );
  }
}

export class InvalidSignatureException extends AppException {
  constructor() {
    super('webhooks.invalid_signature', HttpStatus.UNAUTHORIZED, 'Missing or wrong signature');
  }
}

export class InvalidWebhookPayloadException extends AppException {
  constructor(error: ZodError) {
    super(
      'webhooks.invalid_payload',
      HttpStatus.BAD_REQUEST,
      error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; '),
    );
  }
}

export class InvalidChannelConfigException extends AppException {
  constructor(error: ZodError) {
    super(
      'channels.invalid_config',
      HttpStatus.BAD_REQUEST,
      error.issues.map((i) => `config.${i.path.join('.')} ${i.message}`).join('; '),
    );
  }
}

export class ChannelInUseException extends AppException {
  constructor() {
    super(
      'channels.in_use',
      HttpStatus.CONFLICT,
      'This channel has conversations: disable it instead of deleting it',
    );
  }
}

export class InboxAddressTakenException extends AppException {
  constructor(address: string) {
    super(
      'channels.address_taken',
      HttpStatus.CONFLICT,
      `Another channel already receives mail for ${address}`,
    );
  }
}

export class RefusedChannelTargetException extends AppException {
  /** `refusals`: one "config.<field> points to <why> (<address>)" per refused field. */
  constructor(refusals: string[]) {
    super(
      'channels.refused_address',
      HttpStatus.BAD_REQUEST,
      `${refusals.join('; ')}; allow it with OUTBOUND_ALLOW_HOSTS`,
    );
  }
}

export class ChannelNotConnectedException extends AppException {
  /** `reason`: what the provider said, in words for the admin (ChannelConnectError). */
  constructor(reason: string, unavailable: boolean) {
    super(
      'channels.not_connected',
      unavailable ? HttpStatus.BAD_GATEWAY : HttpStatus.BAD_REQUEST,
      unavailable
        ? `${reason}. Nothing was saved; saving again tries again.`
        : `${reason}. Nothing was saved: correct the settings and save again.`,
    );
  }
}
