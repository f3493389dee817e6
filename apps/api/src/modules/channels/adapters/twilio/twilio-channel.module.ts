import { Module } from '@nestjs/common';
import { IntakeModule } from '../../../intake/intake.module';
import { ChannelsModule } from '../../channels.module';
import { TwilioRestApi } from './twilio-rest.client';
import { TwilioWebhookController } from './twilio-webhook.controller';
import { TwilioAdapter } from './twilio.adapter';

@Module({
  imports: [ChannelsModule, IntakeModule],
  controllers: [TwilioWebhookController],
  providers: [TwilioAdapter, TwilioRestApi],
})
export class TwilioChannelModule {}
