import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { splitConsultSchema, type SplitResultDto } from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../core/auth/auth-user';
import { CurrentUser, RequireScopes } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import { ConsultSplit } from './consult-split.service';

class SplitConsultDto extends createZodDto(splitConsultSchema) {}

@ApiTags('handoffs')
@ApiBearerAuth()
@Controller('api/handoffs')
export class ConsultSplitController {
  constructor(private readonly consults: ConsultSplit) {}

  @Post(':id/split')
  @RequireScopes('conversations:write')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'An automatic consult (the customer wrote to another team’s channel): that message and what followed become their own conversation in that team’s queue; the consult is cancelled with the note',
  })
  split(
    @Param() { id }: IdParamDto,
    @Body() body: SplitConsultDto,
    @CurrentUser() user: AuthUser,
  ): Promise<SplitResultDto> {
    return this.consults.split(user, id, body);
  }
}
