import { createHash } from 'node:crypto';
import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ChannelConfig } from '@touchpoint/shared';
import type { Request } from 'express';
import { Public } from '../../../../core/auth/auth.decorators';
import { IdParamDto } from '../../../../core/http/id-param.dto';
import { InboundIntakeService } from '../../../intake/inbound-intake.service';
import { ChannelsService } from '../../channels.service';
import { SECRET_TOKEN_HEADER, secretTokenMatches } from './telegram-secret-token';
import { InvalidSecretTokenException } from './telegram-webhook.exception';

@ApiTags('webhooks')
@Controller('webhooks/telegram')
export class TelegramWebhookController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly intake: InboundIntakeService,
  ) {}

  /**
   * Check the secret token, store the update as it came, answer 200: Telegram redelivers anything
   * else. Reading the update happens in the worker, so an update this version does not understand
   * is kept (and shows up as failed or ignored with the reason) instead of being refused.
   */
  @Post(':id')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Receive a Telegram Bot API update (X-Telegram-Bot-Api-Secret-Token: the secretToken)',
  })
  async receive(
    @Param() { id }: IdParamDto,
    @Req() req: RawBodyRequest<Request>,
  ): Promise<{ ok: true; duplicate: boolean }> {
    const channel = await this.channels.findEnabled(id, 'telegram');
    const { secretToken } = channel.config as ChannelConfig<'telegram'>;
    if (!secretTokenMatches(req.headers[SECRET_TOKEN_HEADER], secretToken))
      throw new InvalidSecretTokenException();
    const body: unknown = req.body;
    const updateId = (body as { update_id?: unknown } | null)?.update_id;
    const { duplicate } = await this.intake.accept(channel, {
      // Telegram's id of the update, so a redelivery is a duplicate; without one, the same bytes are.
      providerMessageId: Number.isSafeInteger(updateId)
        ? String(updateId)
        : `body:${createHash('sha256')
            .update(req.rawBody ?? '')
            .digest('hex')}`,
      payload: body ?? null,
    });
    return { ok: true, duplicate };
  }
}
