import { Body, Controller, Get, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { eraseContactSchema, type ContactErasureDto } from '@touchpoint/shared';
import type { Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import type { AuthUser } from '../../core/auth/auth-user';
import { CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import { ContactErasureService } from './contact-erasure.service';
import { ContactExportService } from './contact-export.service';

class EraseContactDto extends createZodDto(eraseContactSchema) {}

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('api/contacts')
export class PrivacyController {
  constructor(
    private readonly exports: ContactExportService,
    private readonly erasure: ContactErasureService,
  ) {}

  @Get(':id/export')
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary:
      'Everything stored about a contact (GDPR access): a zip of contact.json and attachments/<id>-<name>; audited',
  })
  async export(
    @Param() { id }: IdParamDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const archive = await this.exports.export(user, id);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="${archive.filename}"`);
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(archive.stream);
  }

  @Post(':id/erase')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary:
      "Erase a contact's personal data (GDPR erasure; confirm repeats the id): conversations and report figures stay; audited",
  })
  erase(
    @Param() { id }: IdParamDto,
    @Body() body: EraseContactDto,
    @CurrentUser() user: AuthUser,
  ): Promise<ContactErasureDto> {
    return this.erasure.erase(user, id, body.confirm);
  }
}
