import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  mergeConversationSchema,
  splitConversationSchema,
  unmergeConversationSchema,
  type MergeCandidateDto,
  type MergeResultDto,
  type SplitResultDto,
  type UnmergeResultDto,
} from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../core/auth/auth-user';
import { CurrentUser, RequireScopes } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import { ConversationMergeService } from './conversation-merge.service';

class MergeConversationDto extends createZodDto(mergeConversationSchema) {}
class UnmergeConversationDto extends createZodDto(unmergeConversationSchema) {}
class SplitConversationDto extends createZodDto(splitConversationSchema) {}

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations')
export class ConversationMergeController {
  constructor(private readonly merges: ConversationMergeService) {}

  @Get(':id/merge-candidates')
  @RequireScopes('conversations:read')
  @ApiOperation({
    summary: 'The contact’s other conversations the caller may see, to merge into this one',
  })
  candidates(
    @Param() { id }: IdParamDto,
    @CurrentUser() user: AuthUser,
  ): Promise<MergeCandidateDto[]> {
    return this.merges.candidates(user, id);
  }

  @Post(':id/merge')
  @RequireScopes('conversations:write')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Merge another conversation of the same contact into this one: one thread in the order things happened; the other ends resolved and its customer’s later messages come here. Owner of both, or a supervisor. 409 for another contact’s conversation',
  })
  merge(
    @Param() { id }: IdParamDto,
    @Body() body: MergeConversationDto,
    @CurrentUser() user: AuthUser,
  ): Promise<MergeResultDto> {
    return this.merges.merge(user, id, body);
  }

  @Post(':id/unmerge')
  @RequireScopes('conversations:write')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Undo a merge into this conversation: both threads, seqs, statuses and owners as before it. Messages and events that arrived after the merge stay in this conversation, after its own',
  })
  unmerge(
    @Param() { id }: IdParamDto,
    @Body() body: UnmergeConversationDto,
    @CurrentUser() user: AuthUser,
  ): Promise<UnmergeResultDto> {
    return this.merges.unmerge(user, id, body);
  }

  @Post(':id/split')
  @RequireScopes('conversations:write')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Move a message and everything after it into a new conversation of the same contact, unassigned in teamId’s queue (default: this team)',
  })
  split(
    @Param() { id }: IdParamDto,
    @Body() body: SplitConversationDto,
    @CurrentUser() user: AuthUser,
  ): Promise<SplitResultDto> {
    return this.merges.split(user, id, body);
  }
}
