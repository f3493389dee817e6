import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export class UploadQueryDto extends createZodDto(
  z
    .object({
      filename: z.string().max(1000, { message: 'must be at most 1000 characters' }).optional(),
      contentType: z.string().max(255, { message: 'must be at most 255 characters' }).optional(),
    })
    .strict(),
) {}
