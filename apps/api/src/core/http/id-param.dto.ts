import { idParamSchema } from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';

/** `:id` route parameter; anything but a UUID is a 400, not a database error. */
export class IdParamDto extends createZodDto(idParamSchema) {}
