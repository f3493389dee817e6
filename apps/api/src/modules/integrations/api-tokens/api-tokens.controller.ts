import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createApiTokenSchema,
  type ApiTokenDto,
  type ApiTokenWithSecretDto,
} from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../../core/auth/auth-user';
import { CurrentUser, Roles } from '../../../core/auth/auth.decorators';
import { IdParamDto } from '../../../core/http/id-param.dto';
import { ApiTokensService } from './api-tokens.service';

class CreateApiTokenDto extends createZodDto(createApiTokenSchema) {}

/** Admins only, and never by a token (no scope is declared): a token cannot mint tokens. */
@ApiTags('api-tokens')
@ApiBearerAuth()
@Controller('api/api-tokens')
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokensService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'API tokens with their scopes, creator, last use and expiry' })
  list(): Promise<ApiTokenDto[]> {
    return this.tokens.list();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Create a token (name, scopes, optional expiry); its secret is in this answer only',
  })
  create(
    @Body() body: CreateApiTokenDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ApiTokenWithSecretDto> {
    return this.tokens.create(user, body);
  }

  @Post(':id/revoke')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a token: it is refused (401) from now on' })
  revoke(@Param() { id }: IdParamDto): Promise<ApiTokenDto> {
    return this.tokens.revoke(id);
  }
}
