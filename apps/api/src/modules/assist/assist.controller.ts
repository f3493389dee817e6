import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  assistReplyDraftSchema,
  assistTranslateSchema,
  type AssistTeamSuggestionDto,
} from '@touchpoint/shared';
import type { Request, Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../core/auth/auth-user';
import { AllowReadOnlyRoles, CurrentUser } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import { abortOnClose, writeEventStream } from './assist-event-stream';
import { AssistService } from './assist.service';

class AssistReplyDraftDto extends createZodDto(assistReplyDraftSchema) {}
class AssistTranslateDto extends createZodDto(assistTranslateSchema) {}

const STREAMED =
  'Streams text/event-stream: data {"text"} pieces, then event done or event error. 409 when AI assistance is off or this feature switched off; 502/503/504 when the model server fails, is unreachable or too slow';

/** AI assistance on one conversation, for whoever may see it. */
@ApiTags('assist')
@ApiBearerAuth()
@Controller('api/conversations/:id/assist')
export class AssistController {
  constructor(private readonly assist: AssistService) {}

  @Post('handoff-summary')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: `Draft of a handoff note (what the customer wants, what was promised or tried). ${STREAMED}`,
  })
  async handoffSummary(
    @Param() { id }: IdParamDto,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const signal = abortOnClose(req, res);
    await writeEventStream(res, await this.assist.handoffSummary(user, id, signal), signal);
  }

  @Post('summary')
  @AllowReadOnlyRoles()
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: `Summary of the conversation for someone joining it. ${STREAMED}` })
  async summary(
    @Param() { id }: IdParamDto,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const signal = abortOnClose(req, res);
    await writeEventStream(res, await this.assist.summary(user, id, signal), signal);
  }

  @Post('reply-draft')
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: `Draft of the next reply in the customer's language, within the channel's limits; never sent by itself, internal notes never in it. ${STREAMED}`,
  })
  async replyDraft(
    @Param() { id }: IdParamDto,
    @Body() body: AssistReplyDraftDto,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const signal = abortOnClose(req, res);
    await writeEventStream(res, await this.assist.replyDraft(user, id, body, signal), signal);
  }

  @Post('translate')
  @AllowReadOnlyRoles()
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: `messageId: that message in the caller's language; text: a reply draft in the customer's language (theirs if set, else detected). ${STREAMED}`,
  })
  async translate(
    @Param() { id }: IdParamDto,
    @Body() body: AssistTranslateDto,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const signal = abortOnClose(req, res);
    await writeEventStream(res, await this.assist.translate(user, id, body, signal), signal);
  }

  @Post('team-suggestion')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Which other team to pull in, with a reason. 409 when off; 502/503/504 on model server failures',
  })
  teamSuggestion(
    @Param() { id }: IdParamDto,
    @CurrentUser() user: AuthUser,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AssistTeamSuggestionDto> {
    return this.assist.teamSuggestion(user, id, abortOnClose(req, res));
  }
}
