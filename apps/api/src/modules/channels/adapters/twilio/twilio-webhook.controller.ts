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
  type TwilioParams,
} from './twilio-signature';
import type { Channel } from '../../channel.entity';
import {
  afterDialTwiml,
  answerCallTwiml,
  HANG_UP_TWIML,
  voiceKey,
  type VoiceRoute,
} from './twilio-voice';
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

  /**
   * "A call comes in": the call is noted, and the answer forwards it to the team's phone, or lets the
   * caller leave a voicemail.
   */
  @Post(':id/voice')
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  @ApiOperation({
    summary: 'Receive a phone call from Twilio (form-encoded, X-Twilio-Signature); answers TwiML',
  })
  async voice(@Param() { id }: IdParamDto, @Req() req: RawBodyRequest<Request>): Promise<string> {
    const { channel } = await this.take(id, req, 'incoming');
    return answerCallTwiml(channel.config as ChannelConfig<'twilio'>, this.voiceBase(id));
  }

  /** "Call status changes": how a call ended (answered, busy, not answered) and how long it took. */
  @Post(':id/voice/status')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: "Receive Twilio's call status callback (form-encoded, X-Twilio-Signature)",
  })
  async callStatus(
    @Param() { id }: IdParamDto,
    @Req() req: RawBodyRequest<Request>,
  ): Promise<void> {
    await this.take(id, req, 'status');
  }

  /** A forwarded call ended: hang up if someone talked to the caller, else take a voicemail. */
  @Post(':id/voice/dialed')
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  @ApiOperation({ summary: 'The end of a forwarded call (Twilio <Dial> action); answers TwiML' })
  async dialed(@Param() { id }: IdParamDto, @Req() req: RawBodyRequest<Request>): Promise<string> {
    const { channel, params } = await this.take(id, req, 'dialed');
    return afterDialTwiml(channel.config as ChannelConfig<'twilio'>, this.voiceBase(id), params);
  }

  /** The caller left a voicemail. */
  @Post(':id/voice/voicemail')
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  @ApiOperation({ summary: 'A recorded voicemail (Twilio <Record> action); answers TwiML' })
  async voicemail(
    @Param() { id }: IdParamDto,
    @Req() req: RawBodyRequest<Request>,
  ): Promise<string> {
    await this.take(id, req, 'voicemail');
    return HANG_UP_TWIML;
  }

  /** The text of a voicemail. */
  @Post(':id/voice/transcription')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: "Receive Twilio's voicemail transcription (form-encoded, X-Twilio-Signature)",
  })
  async transcription(
    @Param() { id }: IdParamDto,
    @Req() req: RawBodyRequest<Request>,
  ): Promise<void> {
    await this.take(id, req, 'transcription');
  }

  /** The public address of this channel's voice webhooks, for the URLs our TwiML names. */
  private voiceBase(id: string): string {
    return webhookUrl(this.config.http.publicUrl, `/webhooks/twilio/${id}/voice`);
  }

  /**
   * Checks Twilio's signature and stores the form as it came (a call's reports by route); answers
   * the channel and the form's parameters.
   */
  private async take(
    id: string,
    req: RawBodyRequest<Request>,
    route?: VoiceRoute,
  ): Promise<{ channel: Channel; params: TwilioParams }> {
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
      providerMessageId: route
        ? voiceKey(route, params, req.rawBody)
        : deliveryKey(params, req.rawBody),
      payload: params,
    });
    return { channel, params };
  }
}
