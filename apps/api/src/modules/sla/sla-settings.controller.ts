import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TeamBusinessHoursDto, TeamSlaPoliciesDto } from '@touchpoint/shared';
import { Roles } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import { BusinessCalendarDto, TeamSlaPoliciesBodyDto } from './sla.dto';
import { SlaSettingsService } from './sla-settings.service';

@ApiTags('sla')
@ApiBearerAuth()
@Controller('api/teams')
export class SlaSettingsController {
  constructor(private readonly sla: SlaSettingsService) {}

  @Get(':id/business-hours')
  @Roles('supervisor', 'manager', 'admin')
  @ApiOperation({
    summary: "The team's business hours; null: open around the clock (Europe/Berlin)",
  })
  businessHours(@Param() { id }: IdParamDto): Promise<TeamBusinessHoursDto> {
    return this.sla.businessHours(id);
  }

  @Put(':id/business-hours')
  @Roles('admin')
  @ApiOperation({ summary: "Sets the team's business hours" })
  setBusinessHours(
    @Param() { id }: IdParamDto,
    @Body() body: BusinessCalendarDto,
  ): Promise<TeamBusinessHoursDto> {
    return this.sla.setBusinessHours(id, body);
  }

  @Delete(':id/business-hours')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Back to open around the clock (Europe/Berlin)' })
  async clearBusinessHours(@Param() { id }: IdParamDto): Promise<void> {
    await this.sla.setBusinessHours(id, null);
  }

  @Get(':id/sla-policies')
  @Roles('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: "The team's SLA policies, the default first" })
  policies(@Param() { id }: IdParamDto): Promise<TeamSlaPoliciesDto> {
    return this.sla.policies(id);
  }

  @Put(':id/sla-policies')
  @Roles('admin')
  @ApiOperation({ summary: "Replaces the team's SLA policies with this list" })
  replacePolicies(
    @Param() { id }: IdParamDto,
    @Body() body: TeamSlaPoliciesBodyDto,
  ): Promise<TeamSlaPoliciesDto> {
    return this.sla.replacePolicies(id, body.policies);
  }
}
