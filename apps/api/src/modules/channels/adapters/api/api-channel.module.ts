import { Module } from '@nestjs/common';
import { InboundModule } from '../../../inbound/inbound.module';
import { ChannelsModule } from '../../channels.module';
import { ApiChannelAdapter } from './api-channel.adapter';
import { ApiWebhookController } from './api-webhook.controller';

@Module({
  imports: [ChannelsModule, InboundModule],
  controllers: [ApiWebhookController],
  providers: [ApiChannelAdapter],
})
export class ApiChannelModule {}
