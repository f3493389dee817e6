import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NotificationListDto } from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import type { AuthUser } from '../../core/auth/auth-user';
import { AllowReadOnlyRoles, CurrentUser } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import { NotificationsService } from './notifications.service';

class NotificationQueryDto extends createZodDto(
  z
    .object({ unread: z.enum(['true', 'false'], { message: 'must be true or false' }).optional() })
    .strict(),
) {}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, newest first, with the unread count' })
  list(
    @Query() query: NotificationQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<NotificationListDto> {
    return this.notifications.list(user, query.unread === 'true');
  }

  @Post('read-all')
  @AllowReadOnlyRoles()
  @HttpCode(200)
  readAll(@CurrentUser() user: AuthUser): Promise<NotificationListDto> {
    return this.notifications.markAllRead(user);
  }

  @Post(':id/read')
  @AllowReadOnlyRoles()
  @HttpCode(200)
  read(@Param() { id }: IdParamDto, @CurrentUser() user: AuthUser): Promise<NotificationListDto> {
    return this.notifications.markRead(user, id);
  }
}
