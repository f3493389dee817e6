import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';

/** A field of a merge, unmerge or split request names something that does not fit (422). */
export class MergeFieldException extends AppException {
  constructor(field: string, problem: string) {
    super('conversations.merge_invalid', HttpStatus.UNPROCESSABLE_ENTITY, `${field} ${problem}`);
  }
}

/** The conversations' state forbids it now (409): merged already, another contact's. */
export class MergeConflictException extends AppException {
  constructor(message: string) {
    super('conversations.merge_conflict', HttpStatus.CONFLICT, message);
  }
}

/** Merging and splitting an owned conversation is its owner's call (or a supervisor's). */
export class NotOwnerMergeException extends AppException {
  constructor() {
    super(
      'conversations.not_owner',
      HttpStatus.FORBIDDEN,
      'Only the owner (or a supervisor) merges or splits this conversation',
    );
  }
}

/** A conversation merged into another takes nothing more: its thread lives in `targetId` now. */
export class MergedAwayException extends AppException {
  constructor(targetId: string) {
    super(
      'conversations.merged_away',
      HttpStatus.CONFLICT,
      'This conversation was merged into another one: continue there',
      {},
      { conversationId: targetId },
    );
  }
}
