import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  completeHandoffSchema,
  createHandoffSchema,
  declineHandoffSchema,
  handoffListQuerySchema,
  markLeadSchema,
  type HandoffDto,
  type ParticipantDto,
  uuidSchema,
} from '@touchpoint/shared';
import { z } from 'zod';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../core/auth/auth-user';
import { CurrentUser, RequireScopes, Roles } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import { HandoffLifecycle } from './handoff-lifecycle.service';
import { HandoffNudges } from './handoff-nudges.service';
import { HandoffParticipants } from './handoff-participants.service';
import { HandoffQueries } from './handoff-queries.service';
import { LeadRequests } from './lead-requests.service';

class CreateHandoffDto extends createZodDto(createHandoffSchema) {}
class DeclineHandoffDto extends createZodDto(declineHandoffSchema) {}
class CompleteHandoffDto extends createZodDto(completeHandoffSchema) {}
class MarkLeadDto extends createZodDto(markLeadSchema) {}
class HandoffListQueryDto extends createZodDto(handoffListQuerySchema) {}
class ParticipantParamDto extends createZodDto(z.object({ id: uuidSchema, userId: uuidSchema })) {}

@ApiTags('handoffs')
@ApiBearerAuth()
@Controller('api')
export class HandoffsController {
  constructor(
    private readonly queries: HandoffQueries,
    private readonly lifecycle: HandoffLifecycle,
    private readonly participantsOf: HandoffParticipants,
    private readonly nudges: HandoffNudges,
    private readonly leads: LeadRequests,
  ) {}

  @Post('conversations/:id/lead')
  @ApiOperation({
    summary:
      'Mark as a sales lead: to the team that receives leads (or teamId) as a consult or transfer, with the qualification as note',
  })
  markLead(
    @Param() { id }: IdParamDto,
    @Body() body: MarkLeadDto,
    @CurrentUser() user: AuthUser,
  ): Promise<HandoffDto> {
    return this.leads.mark(user, id, body);
  }

  @Post('conversations/:id/handoffs')
  @RequireScopes('conversations:write')
  @ApiOperation({
    summary:
      'Pull in a team or person (consult) or hand over (transfer), with a summary of the case',
  })
  request(
    @Param() { id }: IdParamDto,
    @Body() body: CreateHandoffDto,
    @CurrentUser() user: AuthUser,
  ): Promise<HandoffDto> {
    return this.lifecycle.request(user, id, body);
  }

  @Get('conversations/:id/handoffs')
  @RequireScopes('conversations:read')
  listOfConversation(
    @Param() { id }: IdParamDto,
    @CurrentUser() user: AuthUser,
  ): Promise<HandoffDto[]> {
    return this.queries.listOfConversation(user, id);
  }

  @Get('conversations/:id/participants')
  @ApiOperation({ summary: 'Who is pulled into the conversation right now' })
  participants(
    @Param() { id }: IdParamDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ParticipantDto[]> {
    return this.queries.participants(user, id);
  }

  @Post('conversations/:id/participants/:userId/keep')
  @HttpCode(200)
  @ApiOperation({ summary: 'Keep a participant in after their consult: access without end' })
  keepParticipant(
    @Param() { id, userId }: ParticipantParamDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ParticipantDto> {
    return this.participantsOf.keep(user, id, userId);
  }

  @Delete('conversations/:id/participants/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: "Take a participant's access to the conversation away" })
  removeParticipant(
    @Param() { id, userId }: ParticipantParamDto,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    return this.participantsOf.remove(user, id, userId);
  }

  @Get('handoffs')
  @ApiOperation({
    summary:
      'Handoffs waiting for my teams or me (queue), accepted by me (mine), or asked by me (requested)',
  })
  list(@Query() query: HandoffListQueryDto, @CurrentUser() user: AuthUser): Promise<HandoffDto[]> {
    return this.queries.list(user, query.view, query.teamId);
  }

  @Post('handoffs/:id/accept')
  @RequireScopes('conversations:write')
  @HttpCode(200)
  accept(@Param() { id }: IdParamDto, @CurrentUser() user: AuthUser): Promise<HandoffDto> {
    return this.lifecycle.accept(user, id);
  }

  @Post('handoffs/:id/decline')
  @RequireScopes('conversations:write')
  @HttpCode(200)
  decline(
    @Param() { id }: IdParamDto,
    @Body() body: DeclineHandoffDto,
    @CurrentUser() user: AuthUser,
  ): Promise<HandoffDto> {
    return this.lifecycle.decline(user, id, body.reason);
  }

  @Post('handoffs/:id/complete')
  @RequireScopes('conversations:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Finish a consult with an answer summary for the owner' })
  complete(
    @Param() { id }: IdParamDto,
    @Body() body: CompleteHandoffDto,
    @CurrentUser() user: AuthUser,
  ): Promise<HandoffDto> {
    return this.lifecycle.complete(user, id, body.summary);
  }

  @Post('handoffs/:id/cancel')
  @HttpCode(200)
  cancel(@Param() { id }: IdParamDto, @CurrentUser() user: AuthUser): Promise<HandoffDto> {
    return this.lifecycle.cancel(user, id);
  }

  @Post('handoffs/:id/nudge')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Remind whoever holds an open consult or transfer (once in 5 minutes)' })
  nudge(@Param() { id }: IdParamDto, @CurrentUser() user: AuthUser): Promise<HandoffDto> {
    return this.nudges.nudge(user, id);
  }
}
