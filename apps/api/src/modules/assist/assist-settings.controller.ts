import { Body, Controller, Get, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  assistCallsQuerySchema,
  updateAssistSettingsSchema,
  type AssistCallDto,
  type AssistSettingsDto,
  type AssistStatusDto,
} from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../core/auth/auth-user';
import { CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { AssistCallsService } from './assist-calls.service';
import { AssistSettingsService } from './assist-settings.service';

class UpdateAssistSettingsDto extends createZodDto(updateAssistSettingsSchema) {}
class AssistCallsQueryDto extends createZodDto(assistCallsQuerySchema) {}

@ApiTags('assist')
@ApiBearerAuth()
@Controller('api/assist')
export class AssistSettingsController {
  constructor(
    private readonly settings: AssistSettingsService,
    private readonly calls: AssistCallsService,
  ) {}

  @Get('status')
  @ApiOperation({
    summary:
      'Which AI features are usable now (all off until AI_BASE_URL, AI_API_KEY and AI_MODEL are set)',
  })
  status(): Promise<AssistStatusDto> {
    return this.settings.status();
  }

  @Get('settings')
  @Roles('admin')
  @ApiOperation({
    summary: 'The per-feature switches, the model, and whether the model server is configured',
  })
  get(): Promise<AssistSettingsDto> {
    return this.settings.settings();
  }

  @Patch('settings')
  @Roles('admin')
  @ApiOperation({ summary: 'Switch AI features on or off for the workspace' })
  update(
    @Body() body: UpdateAssistSettingsDto,
    @CurrentUser() user: AuthUser,
  ): Promise<AssistSettingsDto> {
    return this.settings.update(user, body);
  }

  @Get('calls')
  @Roles('admin')
  @ApiOperation({
    summary:
      'The latest calls to the model server: who, which conversation and feature, sizes, time, outcome; no content',
  })
  list(@Query() query: AssistCallsQueryDto): Promise<AssistCallDto[]> {
    return this.calls.latest(query.limit ?? 50);
  }
}
