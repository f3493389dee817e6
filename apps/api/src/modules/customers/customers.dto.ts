import {
  addIdentitySchema,
  contactListSchema,
  contactNoteSchema,
  mergeContactsSchema,
  recordConsentSchema,
  updateContactSchema,
  uuidSchema,
} from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class UpdateContactDto extends createZodDto(updateContactSchema) {}
export class AddIdentityDto extends createZodDto(addIdentitySchema) {}
export class RecordConsentDto extends createZodDto(recordConsentSchema) {}
export class ContactNoteDto extends createZodDto(contactNoteSchema) {}
export class MergeContactsDto extends createZodDto(mergeContactsSchema) {}
export class ContactListQueryDto extends createZodDto(contactListSchema) {}
export class ContactHistoryQueryDto extends createZodDto(
  z.object({ cursor: uuidSchema.optional() }).strict(),
) {}
export class ContactIdentityParamDto extends createZodDto(
  z.object({ id: uuidSchema, identityId: uuidSchema }).strict(),
) {}
export class ContactNoteParamDto extends createZodDto(
  z.object({ id: uuidSchema, noteId: uuidSchema }).strict(),
) {}
