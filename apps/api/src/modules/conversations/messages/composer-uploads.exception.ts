import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../../core/errors/app.exception';

/** A file refused before it is stored: too large, empty, or of a blocked type. */
export class UploadRefusedException extends AppException {
  constructor(reason: 'type' | 'size' | 'empty', message: string) {
    super(
      `uploads.${reason === 'size' ? 'too_large' : reason === 'type' ? 'type_blocked' : 'empty'}`,
      reason === 'size' ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.UNPROCESSABLE_ENTITY,
      `file ${message}`,
    );
  }
}

/** More files waiting for one reply than a reply can carry. */
export class TooManyUploadsException extends AppException {
  constructor(filename: string, max: number) {
    super(
      'uploads.too_many',
      HttpStatus.UNPROCESSABLE_ENTITY,
      `file ${filename} is one too many: a reply carries at most ${max} files, remove one first`,
    );
  }
}

/** The upload request named no file. */
export class UploadNameMissingException extends AppException {
  constructor() {
    super(
      'uploads.filename_required',
      HttpStatus.BAD_REQUEST,
      'filename is required (the query parameter naming the uploaded file)',
    );
  }
}

/** A reply names uploads that are gone (sent, removed, expired) or not the writer's. */
export class UploadsUnavailableException extends AppException {
  constructor(ids: string[]) {
    super(
      'uploads.unavailable',
      HttpStatus.UNPROCESSABLE_ENTITY,
      `attachmentIds ${ids.join(', ')} ${ids.length === 1 ? 'is' : 'are'} no longer available: upload the file again`,
    );
  }
}
