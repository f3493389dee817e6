import { Module } from '@nestjs/common';
import { IntakeModule } from '../../../intake/intake.module';
import { ChannelsModule } from '../../channels.module';
import { TelegramBotApi } from './telegram-bot-api.client';
import { TelegramWebhookController } from './telegram-webhook.controller';
import { TelegramAdapter } from './telegram.adapter';

@Module({
  imports: [ChannelsModule, IntakeModule],
  controllers: [TelegramWebhookController],
  providers: [TelegramAdapter, TelegramBotApi],
})
export class TelegramChannelModule {}
