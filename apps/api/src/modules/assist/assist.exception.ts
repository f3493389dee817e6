import { HttpStatus } from '@nestjs/common';
import type { AssistOutcome } from '@touchpoint/shared';
import { AppException } from '../../core/errors/app.exception';

/** The model server is not configured: the features stay off. */
export class AssistNotConfiguredException extends AppException {
  constructor() {
    super(
      'assist.not_configured',
      HttpStatus.CONFLICT,
      'AI assistance is off: set AI_BASE_URL, AI_API_KEY and AI_MODEL',
    );
  }
}

/** An admin switched this feature off in Settings > AI assistance. */
export class AssistFeatureOffException extends AppException {
  constructor(label: string) {
    super(
      'assist.feature_off',
      HttpStatus.CONFLICT,
      `${label} is switched off (Settings > AI assistance)`,
    );
  }
}

export class AssistMessageNotFoundException extends AppException {
  constructor(messageId: string) {
    super(
      'assist.message_not_found',
      HttpStatus.NOT_FOUND,
      `messageId: message ${messageId} is not part of this conversation`,
    );
  }
}

export class AssistNoTeamsException extends AppException {
  constructor() {
    super('assist.no_teams', HttpStatus.CONFLICT, 'There is no other team to suggest');
  }
}

/**
 * The model server failed, refused, could not be reached or took too long. The message says what
 * to do; it never repeats the server's answer (which may echo the key) nor a stack.
 */
export class AssistProviderException extends AppException {
  constructor(
    status: HttpStatus.BAD_GATEWAY | HttpStatus.SERVICE_UNAVAILABLE | HttpStatus.GATEWAY_TIMEOUT,
    message: string,
    /** How the call ends in the audit. */
    readonly outcome: Exclude<AssistOutcome, 'completed' | 'cancelled'>,
  ) {
    super(`assist.${outcome}`, status, message);
  }
}
