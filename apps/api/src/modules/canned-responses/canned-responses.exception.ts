import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';

export class CannedResponseShortcutTakenException extends AppException {
  constructor(shortcut: string, language: string) {
    super(
      'canned_responses.shortcut_taken',
      HttpStatus.CONFLICT,
      `shortcut: /${shortcut} exists already in ${language} here`,
    );
  }
}

/** Team canned responses are managed by supervisors and admins; personal ones by their owner. */
export class CannedResponseForbiddenException extends AppException {
  constructor() {
    super(
      'canned_responses.forbidden',
      HttpStatus.FORBIDDEN,
      "Only supervisors and admins manage a team's canned responses; personal ones only their owner",
    );
  }
}

export class CannedResponseTeamException extends AppException {
  constructor(teamId: string) {
    super(
      'canned_responses.unknown_team',
      HttpStatus.BAD_REQUEST,
      `teamId: no team ${teamId} exists`,
    );
  }
}
