import { Module } from '@nestjs/common';
import { IntakeModule } from '../../../intake/intake.module';
import { ChannelsModule } from '../../channels.module';
import { ApiChannelAdapter } from './api-channel.adapter';
import { ApiWebhookController } from './api-webhook.controller';

@Module({
  imports: [ChannelsModule, IntakeModule],
  controllers: [ApiWebhookController],
  providers: [ApiChannelAdapter],
})
export class ApiChannelModule {}
