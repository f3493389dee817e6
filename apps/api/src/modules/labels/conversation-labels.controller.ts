import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { BulkConversationsResultDto, ConversationSummaryDto } from '@touchpoint/shared';
import type { AuthUser } from '../../core/auth/auth-user';
import { CurrentUser, RequireScopes } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import { ConversationBulkService } from './conversation-bulk.service';
import {
  AddConversationLabelDto,
  BulkConversationsDto,
  ConversationLabelParamDto,
} from './labels.dto';
import { LabelsService } from './labels.service';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations')
export class ConversationLabelsController {
  constructor(
    private readonly labels: LabelsService,
    private readonly bulk: ConversationBulkService,
  ) {}

  @Post('bulk')
  @RequireScopes('conversations:write')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'One action (assign, label, unlabel, resolve) on up to 100 conversations, each by the rules of the single action; answers done or refused (with the reason) per conversation',
  })
  apply(
    @Body() body: BulkConversationsDto,
    @CurrentUser() user: AuthUser,
  ): Promise<BulkConversationsResultDto> {
    return this.bulk.apply(user, body);
  }

  @Post(':id/labels')
  @RequireScopes('conversations:write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Add a label to the conversation (again: no change)' })
  add(
    @Param() { id }: IdParamDto,
    @Body() body: AddConversationLabelDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ConversationSummaryDto> {
    return this.labels.change(user, id, body.labelId, true);
  }

  @Delete(':id/labels/:labelId')
  @RequireScopes('conversations:write')
  @ApiOperation({ summary: 'Remove a label from the conversation (not there: no change)' })
  remove(
    @Param() { id, labelId }: ConversationLabelParamDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ConversationSummaryDto> {
    return this.labels.change(user, id, labelId, false);
  }
}
