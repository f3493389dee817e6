import { sendMessageSchema, sendSuggestionSchema } from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class SendMessageDto extends createZodDto(sendMessageSchema) {}
export class SendSuggestionDto extends createZodDto(sendSuggestionSchema) {}
export class AttachmentLinkQueryDto extends createZodDto(
  z.object({ exp: z.coerce.number().int(), sig: z.string().min(10).max(200) }).strict(),
) {}
