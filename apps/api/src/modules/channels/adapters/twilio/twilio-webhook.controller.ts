import { Controller, Header, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ChannelConfig } from '@touchpoint/shared';
import type { Request } from 'express';
import { AppConfig } from '../../../../config/app-config';
import { Public } from '../../../../core/auth/auth.decorators';
import { IdParamDto } from '../../../../core/http/id-param.dto';
import { InboundIntakeService } from '../../../intake/inbound-intake.service';
import { ChannelsService } from '../../channels.service';
import {
  formParams,
  SIGNATURE_HEADER,
  SIGNATURE_SETTINGS_HEADER,
  signatureMatches,
  webhookUrl,
} from './twilio-signature';
import { deliveryKey } from './twilio-webhook.parser';
import { InvalidTwilioSignatureException } from './twilio-webhook.exception';

/** TwiML that makes Twilio answer the customer with nothing: replies come from agents. */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

@ApiTags('webhooks')
@Controller('webhooks/twilio')
export class TwilioWebhookController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly intake: InboundIntakeService,
    private readonly config: AppConfig,
  ) {}

  /**
   * "A message comes in": check Twilio's signature, store the form as it came, answer with empty
   * TwiML. Reading happens in the worker, so a message this version does not understand is kept.
   */
  @Post(':id')
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  @ApiOperation({
    summary:
      'Receive an SMS, MMS or WhatsApp message from Twilio (form-encoded, X-Twilio-Signature); answers empty TwiML',
  })
  async receive(@Param() { id }: IdParamDto, @Req() req: RawBodyRequest<Request>): Promise<string> {
    await this.take(id, req);
    return EMPTY_TWIML;
  }

  /** The status callback every reply names: news about one of our messages, stored like a message. */
  @Post(':id/status')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: "Receive Twilio's status callback about a reply (form-encoded, X-Twilio-Signature)",
  })
  async status(@Param() { id }: IdParamDto, @Req() req: RawBodyRequest<Request>): Promise<void> {
    await this.take(id, req);
  }

  private async take(id: string, req: RawBodyRequest<Request>): Promise<void> {
    const channel = await this.channels.findEnabled(id, 'twilio');
    const { authToken } = channel.config as ChannelConfig<'twilio'>;
    // Signed over the public address Twilio called, whatever host and scheme a proxy passed on.
    const url = webhookUrl(this.config.http.publicUrl, req.originalUrl);
    const settings = req.headers[SIGNATURE_SETTINGS_HEADER];
    if (settings && /(^|,)\s*key\s*=/.test(String(settings)))
      throw new InvalidTwilioSignatureException(
        url,
        "This webhook is signed with a Twilio SharedKey, which Touchpoint cannot check: let Twilio sign it with the account's Auth Token",
      );
    const params = formParams(req.rawBody);
    if (!signatureMatches(authToken, req.headers[SIGNATURE_HEADER], url, params))
      throw new InvalidTwilioSignatureException(url);
    await this.intake.accept(channel, {
      providerMessageId: deliveryKey(params, req.rawBody),
      payload: params,
    });
  }
}
