import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../../../core/auth/auth.decorators';
import { IdParamDto } from '../../../../core/http/id-param.dto';
import { META_SIGNATURE_HEADER } from './meta-signature';
import { MetaWebhookService, type MetaDeliveryResult } from './meta-webhook.service';

/** One callback URL per channel for WhatsApp, Messenger and Instagram alike. */
@ApiTags('webhooks')
@Controller('webhooks/meta')
export class MetaWebhookController {
  constructor(private readonly webhooks: MetaWebhookService) {}

  @Get(':id')
  @Public()
  @ApiOperation({
    summary:
      "Meta's subscription handshake: hub.mode=subscribe and hub.verify_token (the channel's verifyToken) answer hub.challenge",
  })
  async verify(
    @Param() { id }: IdParamDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const challenge = await this.webhooks.verify(id, req.query as Record<string, unknown>);
    // Set on success only: a refusal keeps the usual error JSON.
    res.type('text/plain; charset=utf-8').setHeader('Cache-Control', 'no-store');
    return challenge;
  }

  @Post(':id')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Receive a WhatsApp Cloud API, Messenger or Instagram webhook (X-Hub-Signature-256: sha256=<HMAC of the raw body with the app secret>)',
  })
  receive(
    @Param() { id }: IdParamDto,
    @Req() req: RawBodyRequest<Request>,
  ): Promise<MetaDeliveryResult> {
    return this.webhooks.receive(id, req.rawBody, req.headers[META_SIGNATURE_HEADER], req.body);
  }
}
