import {
  logCallSchema,
  sendMessageSchema,
  sendSuggestionSchema,
  wholeNumberSchema,
} from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class SendMessageDto extends createZodDto(sendMessageSchema) {}
export class SendSuggestionDto extends createZodDto(sendSuggestionSchema) {}
export class LogCallDto extends createZodDto(logCallSchema) {}
export class AttachmentLinkQueryDto extends createZodDto(
  z
    .object({
      exp: wholeNumberSchema(0, Number.MAX_SAFE_INTEGER),
      sig: z.string().min(10).max(200),
    })
    .strict(),
) {}
