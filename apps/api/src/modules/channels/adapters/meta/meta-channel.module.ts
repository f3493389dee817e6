import { Module } from '@nestjs/common';
import { IntakeModule } from '../../../intake/intake.module';
import { ChannelsModule } from '../../channels.module';
import { GraphApiClient } from './graph-api.client';
import { InstagramAdapter } from './instagram.adapter';
import { MessengerAdapter } from './messenger.adapter';
import { MetaStoredMessages } from './meta-stored-messages.query';
import { MetaWebhookController } from './meta-webhook.controller';
import { MetaWebhookService } from './meta-webhook.service';
import { PageMessaging } from './page-messaging.service';
import { WhatsappAdapter } from './whatsapp.adapter';

@Module({
  imports: [ChannelsModule, IntakeModule],
  controllers: [MetaWebhookController],
  providers: [
    GraphApiClient,
    MetaStoredMessages,
    MetaWebhookService,
    PageMessaging,
    WhatsappAdapter,
    MessengerAdapter,
    InstagramAdapter,
  ],
})
export class MetaChannelModule {}
