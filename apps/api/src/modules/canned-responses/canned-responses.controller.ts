import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CannedResponseDto } from '@touchpoint/shared';
import type { AuthUser } from '../../core/auth/auth-user';
import { CurrentUser, RequireScopes } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import { CreateCannedResponseDto, UpdateCannedResponseDto } from './canned-responses.dto';
import { CannedResponsesService } from './canned-responses.service';

@ApiTags('canned-responses')
@ApiBearerAuth()
@Controller('api/canned-responses')
export class CannedResponsesController {
  constructor(private readonly cannedResponses: CannedResponsesService) {}

  @Get()
  @RequireScopes('conversations:read')
  @ApiOperation({
    summary:
      "The caller's personal canned responses and those of their teams, the caller's language first",
  })
  list(@CurrentUser() user: AuthUser): Promise<CannedResponseDto[]> {
    return this.cannedResponses.list(user);
  }

  @Post()
  @RequireScopes('conversations:write')
  @ApiOperation({
    summary:
      'Create a personal canned response, or (supervisors and admins) a team one; unknown {{variables}} are refused',
  })
  create(
    @Body() body: CreateCannedResponseDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CannedResponseDto> {
    return this.cannedResponses.create(user, body);
  }

  @Get(':id')
  @RequireScopes('conversations:read')
  get(@Param() { id }: IdParamDto, @CurrentUser() user: AuthUser): Promise<CannedResponseDto> {
    return this.cannedResponses.get(user, id);
  }

  @Patch(':id')
  @RequireScopes('conversations:write')
  update(
    @Param() { id }: IdParamDto,
    @Body() body: UpdateCannedResponseDto,
    @CurrentUser() user: AuthUser,
  ): Promise<CannedResponseDto> {
    return this.cannedResponses.update(user, id, body);
  }

  @Delete(':id')
  @RequireScopes('conversations:write')
  @HttpCode(204)
  remove(@Param() { id }: IdParamDto, @CurrentUser() user: AuthUser): Promise<void> {
    return this.cannedResponses.remove(user, id);
  }
}
