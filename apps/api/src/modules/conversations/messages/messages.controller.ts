import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MessageDto } from '@touchpoint/shared';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../../core/auth/auth-user';
import { CurrentUser, Public, RequireScopes } from '../../../core/auth/auth.decorators';
import { NotFoundException } from '../../../core/errors/app.exception';
import { IdParamDto } from '../../../core/http/id-param.dto';
import { FileStorage } from '../../../core/storage/file-storage';
import { Attachment } from './message.entity';
import {
  AttachmentLinkQueryDto,
  LogCallDto,
  SendMessageDto,
  SendSuggestionDto,
} from './messages.dto';
import { AttachmentLinkExpiredException } from './messages.exception';
import { MessagesService } from './messages.service';
import { FileLinks } from '../../../core/storage/file-links';

/** File types served with their own type but only as downloads: none of them runs in a browser. */
const DOWNLOAD_TYPES =
  /^(application\/pdf|audio\/(mpeg|mp4|aac|ogg|amr|wav|x-wav|webm)|video\/(mp4|3gpp|quicktime|webm)|text\/(plain|csv|vcard|x-vcard)|application\/(zip|vnd\.openxmlformats-officedocument\.[\w.]+|msword|vnd\.ms-excel|vnd\.ms-powerpoint|vnd\.oasis\.opendocument\.[\w.]+))$/;

@ApiTags('messages')
@ApiBearerAuth()
@Controller('api')
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly urls: FileLinks,
    private readonly storage: FileStorage,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Post('conversations/:id/messages')
  @RequireScopes('conversations:write')
  @ApiOperation({
    summary:
      'Reply to the customer (type reply) or write an internal note (type note); idempotent per clientMessageId',
  })
  async send(
    @Param() { id }: IdParamDto,
    @Body() body: SendMessageDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MessageDto> {
    const { message, created } = await this.messages.send(user, id, body);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return message;
  }

  @Post('conversations/:id/calls')
  @ApiOperation({
    summary:
      'Log a phone call with the customer (direction, outcome, duration, note); idempotent per clientMessageId',
  })
  async logCall(
    @Param() { id }: IdParamDto,
    @Body() body: LogCallDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MessageDto> {
    const { message, created } = await this.messages.logCall(user, id, body);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return message;
  }

  @Post('messages/:id/send-suggestion')
  @ApiOperation({
    summary: 'The owner sends a suggested reply (as is, or with an edited body) to the customer',
  })
  async sendSuggestion(
    @Param() { id }: IdParamDto,
    @Body() body: SendSuggestionDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MessageDto> {
    const { message, created } = await this.messages.sendSuggestion(user, id, body);
    res.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return message;
  }

  @Post('messages/:id/retry')
  @ApiOperation({ summary: 'Send a failed reply again' })
  retry(@Param() { id }: IdParamDto, @CurrentUser() user: AuthUser): Promise<MessageDto> {
    return this.messages.retry(user, id);
  }

  /** Signed links (handed out with messages to those who may see them) work in <img> tags without a header. */
  @Get('attachments/:id')
  @Public()
  @ApiOperation({ summary: 'Download an attachment through the signed link of its message' })
  async download(
    @Param() { id }: IdParamDto,
    @Query() { exp, sig }: AttachmentLinkQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    if (!this.urls.verify(id, exp, sig)) throw new AttachmentLinkExpiredException();
    const attachment = await this.db.getRepository(Attachment).findOne({ where: { id } });
    if (!attachment) throw new NotFoundException('Attachment', id);
    const inlineSafe = /^image\/(png|jpe?g|gif|webp)$/.test(attachment.contentType);
    // Providers that fetch a reply's files (Twilio, WhatsApp) go by the type: types no browser runs
    // keep theirs (as downloads); anything else, HTML and SVG above all, is plain bytes.
    const typed = inlineSafe || DOWNLOAD_TYPES.test(attachment.contentType);
    res.setHeader('Content-Type', typed ? attachment.contentType : 'application/octet-stream');
    res.setHeader(
      'Content-Disposition',
      `${inlineSafe ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, max-age=3600');
    // The link is the permission: the website chat shows a reply's images on the customer's site.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    return new StreamableFile(await this.storage.stream(attachment.storageKey), {
      length: attachment.size,
    });
  }
}
