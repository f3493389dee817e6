import { createCannedResponseSchema, updateCannedResponseSchema } from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';

export class CreateCannedResponseDto extends createZodDto(createCannedResponseSchema) {}
export class UpdateCannedResponseDto extends createZodDto(updateCannedResponseSchema) {}
