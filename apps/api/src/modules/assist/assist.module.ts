import { Module } from '@nestjs/common';
import { ConversationAccessModule } from '../conversations/conversation-access.module';
import { AssistCallsService } from './assist-calls.service';
import { AssistContextQuery } from './assist-context.query';
import { AssistProviderClient } from './assist-provider.client';
import { AssistSettingsController } from './assist-settings.controller';
import { AssistSettingsService } from './assist-settings.service';
import { AssistController } from './assist.controller';
import { AssistService } from './assist.service';

/**
 * AI assistance: drafts, summaries, translations and team suggestions from an OpenAI-compatible
 * model server, per feature switched by admins and audited per call. Reads the conversation with
 * SQL (writes nothing of it); owns `assist_switches` and `assist_calls`.
 */
@Module({
  imports: [ConversationAccessModule],
  controllers: [AssistController, AssistSettingsController],
  providers: [
    AssistProviderClient,
    AssistContextQuery,
    AssistSettingsService,
    AssistCallsService,
    AssistService,
  ],
})
export class AssistModule {}
