import { searchQuerySchema } from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';

export class SearchQueryDto extends createZodDto(searchQuerySchema) {}
