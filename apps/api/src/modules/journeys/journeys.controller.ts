import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  journeyConversationsQuerySchema,
  journeyQuerySchema,
  type JourneyConversationsDto,
  type JourneyOverviewDto,
} from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import { Roles } from '../../core/auth/auth.decorators';
import { JourneysQuery } from './journeys.query';

class JourneyQueryDto extends createZodDto(journeyQuerySchema) {}
class JourneyConversationsQueryDto extends createZodDto(journeyConversationsQuerySchema) {}

@ApiTags('journeys')
@ApiBearerAuth()
@Controller('api/journeys')
export class JourneysController {
  constructor(private readonly journeys: JourneysQuery) {}

  @Get()
  @Roles('supervisor', 'manager', 'admin')
  @ApiOperation({
    summary:
      'Customer journeys of the conversations begun in a date range (at most 366 days), optionally of one team, entry channel or contact segment: paths from entry through the teams pulled in to the outcome, the steps between them with counts and median times, outcomes, and the moments where customers wait longest or leave, each with a key for its conversations',
  })
  overview(@Query() query: JourneyQueryDto): Promise<JourneyOverviewDto> {
    return this.journeys.overview(query);
  }

  @Get('conversations')
  @Roles('supervisor', 'manager', 'admin')
  @ApiOperation({
    summary:
      'The conversations behind one journey number (a path, step, outcome or handoff moment key), with the same filters, oldest first, paged by offset',
  })
  conversations(@Query() query: JourneyConversationsQueryDto): Promise<JourneyConversationsDto> {
    return this.journeys.conversations(query);
  }
}
