import {
  conversationListQuerySchema,
  timelineQuerySchema,
  updateConversationSchema,
} from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';

export class ConversationListQueryDto extends createZodDto(conversationListQuerySchema) {}
export class TimelineQueryDto extends createZodDto(timelineQuerySchema) {}
export class UpdateConversationDto extends createZodDto(updateConversationSchema) {}
