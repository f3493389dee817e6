import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  ConversationCountsDto,
  ConversationDto,
  ConversationListDto,
  ConversationSummaryDto,
  ReplyChannelOptionDto,
  TimelineDto,
} from '@touchpoint/shared';
import type { AuthUser } from '../../core/auth/auth-user';
import { CurrentUser, RequireScopes } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import {
  ConversationListQueryDto,
  TimelineQueryDto,
  UpdateConversationDto,
} from './conversations.dto';
import { ConversationsService } from './conversations.service';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get()
  @RequireScopes('conversations:read')
  @ApiOperation({
    summary:
      'Conversations of a view (mine, unassigned, team, participating, all), newest activity first',
  })
  list(
    @Query() query: ConversationListQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ConversationListDto> {
    return this.conversations.list(user, query);
  }

  @Get('counts')
  @RequireScopes('conversations:read')
  @ApiOperation({ summary: 'How many unresolved conversations each view holds' })
  counts(@CurrentUser() user: AuthUser): Promise<ConversationCountsDto> {
    return this.conversations.counts(user);
  }

  @Get(':id')
  @RequireScopes('conversations:read')
  get(@Param() { id }: IdParamDto, @CurrentUser() user: AuthUser): Promise<ConversationDto> {
    return this.conversations.get(user, id);
  }

  @Get(':id/timeline')
  @RequireScopes('conversations:read')
  @ApiOperation({
    summary:
      'Messages and events after `after` (a seq), ascending; reconnecting clients catch up with it',
  })
  timeline(
    @Param() { id }: IdParamDto,
    @Query() query: TimelineQueryDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TimelineDto> {
    return this.conversations.timeline(user, id, query);
  }

  @Get(':id/reply-channels')
  @RequireScopes('conversations:read')
  @ApiOperation({
    summary: 'Channels the customer can be answered on; the default is the one they last wrote on',
  })
  replyChannels(
    @Param() { id }: IdParamDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ReplyChannelOptionDto[]> {
    return this.conversations.replyChannels(user, id);
  }

  @Post(':id/claim')
  @RequireScopes('conversations:write')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Become the owner of an unowned conversation (409 naming the owner otherwise)',
  })
  claim(
    @Param() { id }: IdParamDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ConversationSummaryDto> {
    return this.conversations.claim(user, id);
  }

  @Post(':id/read')
  @RequireScopes('conversations:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the conversation as read (unread counter back to zero)' })
  read(
    @Param() { id }: IdParamDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ConversationSummaryDto> {
    return this.conversations.markRead(user, id);
  }

  @Patch(':id')
  @RequireScopes('conversations:write')
  @ApiOperation({ summary: 'Change status (open, pending, snoozed, resolved) or priority' })
  update(
    @Param() { id }: IdParamDto,
    @Body() body: UpdateConversationDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ConversationSummaryDto> {
    return this.conversations.update(user, id, body);
  }
}
