import { Module } from '@nestjs/common';
import { ClientAddresses } from '../../../../core/http/client-address';
import { ContactsModule } from '../../../contacts/contacts.module';
import { IntakeModule } from '../../../intake/intake.module';
import { ChannelsModule } from '../../channels.module';
import { WebchatChannelModule } from './webchat-channel.module';
import { WidgetGateway } from './widget.gateway';
import { WidgetSurveyRatingsModule } from './widget-survey-ratings';
import { WidgetSendLimiter } from './widget-send-limiter';
import { WidgetScriptController } from './widget-script.controller';

/**
 * The visitors' side of the website chat (api role): the `/widget` socket (messages, and ratings of
 * the satisfaction surveys asked in the chat) and `GET /widget.js`.
 */
@Module({
  imports: [
    WebchatChannelModule,
    ChannelsModule,
    IntakeModule,
    ContactsModule,
    WidgetSurveyRatingsModule,
  ],
  controllers: [WidgetScriptController],
  providers: [WidgetGateway, WidgetSendLimiter, ClientAddresses],
})
export class WebchatWidgetModule {}
