import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { reportQuerySchema, type ReportOverviewDto } from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import { Roles } from '../../core/auth/auth.decorators';
import { ReportsQuery } from './reports.query';

class ReportQueryDto extends createZodDto(reportQuerySchema) {}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsQuery) {}

  @Get('overview')
  @Roles('supervisor', 'manager', 'admin')
  @ApiOperation({
    summary:
      'Reports of a date range (at most 366 days) in a time zone, optionally for one team, channel or agent: volume by channel and hour, first response and resolution times in business time, one-touch resolutions, consult times per team pair, bounces, moves between teams, channel switches and the backlog per day',
  })
  overview(@Query() query: ReportQueryDto): Promise<ReportOverviewDto> {
    return this.reports.overview(query);
  }
}
