import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';

/** A team named in a goal's parameters that does not exist: the field is wrong, not the route. */
export class UnknownGoalTeamException extends AppException {
  constructor(field: string, teamId: string) {
    super(
      'goals.unknown_team',
      HttpStatus.BAD_REQUEST,
      `params.${field}: no team ${teamId} exists`,
    );
  }
}
