// The website chat as the rest of the app sees it; everything else in this folder is its own.
export { WebchatChannelModule } from './webchat-channel.module';
export { WebchatWidgetModule } from './webchat-widget.module';
export { WebchatAdapter } from './webchat.adapter';
// What the demo seeder stores as a website chat delivery.
export { webchatProviderMessageId, type WebchatInboundPayload } from './webchat-payload';
// Where the satisfaction module registers how a rating given in the chat is kept.
export { WidgetSurveyRatings, WidgetSurveyRatingsModule } from './widget-survey-ratings';
