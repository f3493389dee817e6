import { suppressionsQuerySchema } from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';

export class SuppressionsQueryDto extends createZodDto(suppressionsQuerySchema) {}
