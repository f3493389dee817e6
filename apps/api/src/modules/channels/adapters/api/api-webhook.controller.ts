import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { RawBodyRequest } from '@nestjs/common';
import type { ChannelConfig } from '@touchpoint/shared';
import type { Request } from 'express';
import { Public } from '../../../../core/auth/auth.decorators';
import { IdParamDto } from '../../../../core/http/id-param.dto';
import { InboundIntakeService } from '../../../intake/inbound-intake.service';
import { ChannelsService } from '../../channels.service';
import {
  InvalidSignatureException,
  InvalidWebhookPayloadException,
} from '../../channels.exception';
import { deliveryKey, parseApiPayload } from './api-payload';
import { SIGNATURE_HEADER, verifySignature } from './api-signature';

@ApiTags('webhooks')
@Controller('webhooks/api')
export class ApiWebhookController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly intake: InboundIntakeService,
  ) {}

  /** Verify the signature, store the raw message, answer: processing happens in the worker. */
  @Post(':id')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Receive a message of a custom source, or its news about a reply (`event: "message.status"`); X-Touchpoint-Signature: sha256=<HMAC of the raw body>',
  })
  async receive(
    @Param() { id }: IdParamDto,
    @Req() req: RawBodyRequest<Request>,
  ): Promise<{ ok: true; duplicate: boolean }> {
    const channel = await this.channels.findEnabled(id, 'api');
    const config = channel.config as ChannelConfig<'api'>;
    const header = req.headers[SIGNATURE_HEADER];
    if (
      !req.rawBody ||
      !verifySignature(req.rawBody, Array.isArray(header) ? header[0] : header, config.secret)
    ) {
      throw new InvalidSignatureException();
    }
    const parsed = parseApiPayload(req.body);
    if (!parsed.success) throw new InvalidWebhookPayloadException(parsed.error);
    const { duplicate } = await this.intake.accept(channel, {
      providerMessageId: deliveryKey(parsed.payload),
      payload: req.body,
    });
    return { ok: true, duplicate };
  }
}
