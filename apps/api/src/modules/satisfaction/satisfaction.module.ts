import { Module } from '@nestjs/common';
import { WidgetSurveyRatingsModule } from '../channels/adapters/webchat';
import { ChannelsModule } from '../channels/channels.module';
import { ConversationHooksModule } from '../conversations/conversation-hooks';
import { SatisfactionController } from './satisfaction.controller';
import { SatisfactionListener } from './satisfaction.listener';
import { SatisfactionRatingService } from './satisfaction-rating.service';
import { SatisfactionRequestService } from './satisfaction-request.service';
import { SatisfactionResultsController } from './satisfaction-results.controller';
import { SatisfactionResultsQuery } from './satisfaction-results.query';
import { SatisfactionSettingsService } from './satisfaction-settings.service';

/**
 * Customer satisfaction: a survey after resolution in the customer's channel, its rating by link or
 * digit reply, and the results. Owns `csat_surveys` and `csat_settings`; sends through the
 * conversation writer and the outbound queue like a reply.
 */
@Module({
  imports: [ChannelsModule, ConversationHooksModule, WidgetSurveyRatingsModule],
  controllers: [SatisfactionController, SatisfactionResultsController],
  providers: [
    SatisfactionRequestService,
    SatisfactionRatingService,
    SatisfactionResultsQuery,
    SatisfactionSettingsService,
    SatisfactionListener,
  ],
  exports: [SatisfactionRequestService, SatisfactionRatingService, SatisfactionResultsQuery],
})
export class SatisfactionModule {}
