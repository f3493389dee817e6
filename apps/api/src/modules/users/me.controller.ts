import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { weeklySummarySettingSchema, type UserDto } from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../core/auth/auth-user';
import { AllowReadOnlyRoles, CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { UsersService } from './users.service';

class WeeklySummarySettingDto extends createZodDto(weeklySummarySettingSchema) {}

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in user' })
  me(@CurrentUser() user: AuthUser): Promise<UserDto> {
    return this.users.get(user.id);
  }

  @Put('weekly-summary')
  @Roles('supervisor', 'manager', 'admin')
  @AllowReadOnlyRoles()
  @ApiOperation({
    summary:
      'Turns the weekly summary email on or off for the signed-in user (Mondays 07:00: the week before in conversations, outcomes, worst moments, satisfaction and goals)',
  })
  weeklySummary(
    @CurrentUser() user: AuthUser,
    @Body() body: WeeklySummarySettingDto,
  ): Promise<UserDto> {
    return this.users.setWeeklySummary(user.id, body.enabled);
  }
}
