import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';

export class InvalidIdentityAddressException extends AppException {
  constructor(kind: string) {
    super(
      'contacts.invalid_address',
      HttpStatus.BAD_REQUEST,
      `address is not a valid ${kind} address`,
    );
  }
}

/**
 * The address is another contact's: linking it would move the customer's history silently. Whoever
 * may see that contact learns which one it is (to merge them); anyone else only that it is taken.
 */
export class IdentityTakenException extends AppException {
  constructor(
    readonly kind: string,
    readonly address: string,
    readonly contactId: string,
    contactName: string | null,
  ) {
    super(
      'contacts.identity_taken',
      HttpStatus.CONFLICT,
      contactName === null
        ? `The ${kind} address ${address} belongs to another contact you do not work with: a supervisor can merge the two`
        : `The ${kind} address ${address} belongs to another contact (${contactName || 'unnamed'}): merge the two contacts instead`,
      {},
      contactName === null ? undefined : { contactId },
    );
  }

  /** The same refusal without naming the contact. */
  redacted(): IdentityTakenException {
    return new IdentityTakenException(this.kind, this.address, this.contactId, null);
  }
}

export class VerifiedIdentityException extends AppException {
  constructor() {
    super(
      'contacts.identity_verified',
      HttpStatus.CONFLICT,
      'This address was proven by its channel and stays with the contact; undo the merge that brought it instead',
    );
  }
}

export class ContactMergedException extends AppException {
  constructor(id: string, intoId: string) {
    super(
      'contacts.merged',
      HttpStatus.CONFLICT,
      `Contact ${id} was merged into contact ${intoId}`,
      {},
      { contactId: intoId },
    );
  }
}

export class MergeRefusedException extends AppException {
  constructor(message: string) {
    super('contacts.merge_refused', HttpStatus.UNPROCESSABLE_ENTITY, message);
  }
}

export class UndoMergeRefusedException extends AppException {
  constructor(message: string) {
    super('contacts.undo_refused', HttpStatus.CONFLICT, message);
  }
}

export class NoteForbiddenException extends AppException {
  constructor() {
    super(
      'contacts.note_forbidden',
      HttpStatus.FORBIDDEN,
      'Only its author, supervisors and admins may change a note',
    );
  }
}
