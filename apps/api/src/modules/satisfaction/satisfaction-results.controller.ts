import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  satisfactionQuerySchema,
  satisfactionSettingsSchema,
  type SatisfactionResultsDto,
  type SatisfactionSettingsDto as CsatSettings,
} from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import { Roles } from '../../core/auth/auth.decorators';
import { SatisfactionResultsQuery } from './satisfaction-results.query';
import { SatisfactionSettingsService } from './satisfaction-settings.service';

class SatisfactionQueryDto extends createZodDto(satisfactionQuerySchema) {}
class SatisfactionSettingsDto extends createZodDto(satisfactionSettingsSchema) {}

@ApiTags('satisfaction')
@ApiBearerAuth()
@Controller('api/satisfaction')
export class SatisfactionResultsController {
  constructor(
    private readonly results: SatisfactionResultsQuery,
    private readonly settings: SatisfactionSettingsService,
  ) {}

  @Get()
  @Roles('supervisor', 'manager', 'admin')
  @ApiOperation({
    summary:
      'Satisfaction results: response rate, mean and distribution, per team, channel and agent',
  })
  get(@Query() query: SatisfactionQueryDto): Promise<SatisfactionResultsDto> {
    return this.results.results(query);
  }

  @Get('settings')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Whether customers are asked for their satisfaction after resolution, and how long after',
  })
  getSettings(): Promise<CsatSettings> {
    return this.settings.get();
  }

  @Put('settings')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Switches satisfaction surveys on or off for the workspace, or sets their delay after resolution',
  })
  putSettings(@Body() body: SatisfactionSettingsDto): Promise<CsatSettings> {
    return this.settings.set(body);
  }
}
