import { updateContactSchema } from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';

export class UpdateContactDto extends createZodDto(updateContactSchema) {}
