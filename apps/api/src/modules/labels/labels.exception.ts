import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';

export class LabelNameTakenException extends AppException {
  constructor(name: string) {
    super('labels.name_taken', HttpStatus.CONFLICT, `name: a label "${name}" exists already`);
  }
}

/** A label named in a request body that does not exist: the field is wrong, not the route. */
export class UnknownLabelException extends AppException {
  constructor(labelId: string) {
    super('labels.unknown', HttpStatus.BAD_REQUEST, `labelId: no label ${labelId} exists`);
  }
}

export class BulkTargetException extends AppException {
  constructor(field: 'userId' | 'teamId', id: string) {
    super(
      'conversations.bulk_target',
      HttpStatus.BAD_REQUEST,
      field === 'userId' ? `userId: no active user ${id} exists` : `teamId: no team ${id} exists`,
    );
  }
}

/** Agents take conversations for themselves; handing one to someone else is a transfer. */
export class AssignNotAllowedException extends AppException {
  constructor() {
    super(
      'conversations.assign_not_allowed',
      HttpStatus.FORBIDDEN,
      'Only supervisors and admins assign conversations to others or to a team; pull a colleague in with a transfer',
    );
  }
}
