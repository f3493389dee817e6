import {
  addConversationLabelSchema,
  bulkConversationsSchema,
  createLabelSchema,
  updateLabelSchema,
} from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class CreateLabelDto extends createZodDto(createLabelSchema) {}
export class UpdateLabelDto extends createZodDto(updateLabelSchema) {}
export class AddConversationLabelDto extends createZodDto(addConversationLabelSchema) {}
export class BulkConversationsDto extends createZodDto(bulkConversationsSchema) {}
export class ConversationLabelParamDto extends createZodDto(
  z.object({
    id: z.uuid({ message: 'must be a UUID' }),
    labelId: z.uuid({ message: 'must be a UUID' }),
  }),
) {}
