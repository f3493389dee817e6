import { Controller, Delete, HttpCode, HttpStatus, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ComposerUploadDto } from '@touchpoint/shared';
import type { Request } from 'express';
import type { AuthUser } from '../../../core/auth/auth-user';
import { CurrentUser, RequireScopes } from '../../../core/auth/auth.decorators';
import { IdParamDto } from '../../../core/http/id-param.dto';
import { UploadQueryDto } from './composer-uploads.dto';
import { ComposerUploadsService } from './composer-uploads.service';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('api')
export class ComposerUploadsController {
  constructor(private readonly uploads: ComposerUploadsService) {}

  /** The body is the file's bytes (application/octet-stream); its name and type come as parameters. */
  @Post('conversations/:id/uploads')
  @RequireScopes('conversations:write')
  @ApiOperation({
    summary:
      'Upload one file for a reply (body: the bytes; ?filename=&contentType=); answers the id to list in attachmentIds',
  })
  upload(
    @Param() { id }: IdParamDto,
    @Query() query: UploadQueryDto,
    @Req() req: Request,
    @CurrentUser() user: AuthUser,
  ): Promise<ComposerUploadDto> {
    const length = Number(req.headers['content-length']);
    return this.uploads.upload(user, id, {
      filename: query.filename,
      contentType: query.contentType,
      declaredSize: Number.isFinite(length) && length > 0 ? length : undefined,
      body: req,
    });
  }

  @Delete('uploads/:id')
  @RequireScopes('conversations:write')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Take an uploaded file off the reply before it is sent' })
  remove(@Param() { id }: IdParamDto, @CurrentUser() user: AuthUser): Promise<void> {
    return this.uploads.remove(user, id);
  }
}
