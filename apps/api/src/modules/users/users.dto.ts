import {
  createUserSchema,
  inviteUserSchema,
  redeemLinkSchema,
  updateUserSchema,
} from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';

export class CreateUserDto extends createZodDto(createUserSchema) {}
export class UpdateUserDto extends createZodDto(updateUserSchema) {}
export class InviteUserDto extends createZodDto(inviteUserSchema) {}
export class RedeemLinkDto extends createZodDto(redeemLinkSchema) {}
