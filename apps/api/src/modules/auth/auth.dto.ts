import {
  changePasswordSchema,
  loginRequestSchema,
  logoutRequestSchema,
  refreshRequestSchema,
} from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';

export class LoginDto extends createZodDto(loginRequestSchema) {}
export class RefreshDto extends createZodDto(refreshRequestSchema) {}
export class LogoutDto extends createZodDto(logoutRequestSchema) {}
export class ChangePasswordDto extends createZodDto(changePasswordSchema) {}
