import { createGoalSchema, updateGoalSchema } from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';

export class CreateGoalDto extends createZodDto(createGoalSchema) {}
export class UpdateGoalDto extends createZodDto(updateGoalSchema) {}
