import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';

export class TeamNameTakenException extends AppException {
  constructor(name: string) {
    super('teams.name_taken', HttpStatus.CONFLICT, `A team named "${name}" exists already`);
  }
}

export class UnknownUsersException extends AppException {
  constructor(ids: string[]) {
    super(
      'teams.unknown_users',
      HttpStatus.BAD_REQUEST,
      `userIds: no user with id ${ids.join(', ')}`,
    );
  }
}

export class FallbackTeamException extends AppException {
  constructor(message: string) {
    super('teams.invalid_fallback', HttpStatus.BAD_REQUEST, message);
  }
}

export class TeamHasChannelsException extends AppException {
  constructor() {
    super(
      'teams.has_channels',
      HttpStatus.CONFLICT,
      'Channels still route to this team: give them another team first',
    );
  }
}
