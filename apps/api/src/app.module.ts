import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { AuthCoreModule } from './core/auth/auth-core.module';
import { HttpExceptionFilter } from './core/errors/http-exception.filter';
import { HealthModule } from './core/health/health.module';
import { AppValidationPipe } from './core/http/validation.pipe';
import { LoggingModule } from './core/logging/logging.module';
import { NetModule } from './core/net/net.module';
import { QueueWorkersModule } from './core/queue/queue-workers.module';
import { QueueModule } from './core/queue/queue.module';
import { RealtimeModule } from './modules/realtime/realtime.module';
import { RateLimitModule } from './core/rate-limit/rate-limit.module';
import { RedisModule } from './core/redis/redis.module';
import { dataSourceOptions } from './database/data-source';
import { EventsJobsModule } from './core/events/events-jobs.module';
import { EventsModule } from './core/events/events.module';
import { RealtimePublisherModule } from './core/realtime/realtime-publisher.module';
import { StorageModule } from './core/storage/storage.module';
import { AssignmentJobsModule } from './modules/assignment/assignment-jobs.module';
import { AssignmentModule } from './modules/assignment/assignment.module';
import { UsersJobsModule } from './modules/users/users-jobs.module';
import { AuthModule } from './modules/auth/auth.module';
import { ApiChannelModule } from './modules/channels/adapters/api';
import { EmailChannelModule, EmailChannelWorkerModule } from './modules/channels/adapters/email';
import { FormChannelModule } from './modules/channels/adapters/form';
import { MetaChannelModule } from './modules/channels/adapters/meta';
import { TelegramChannelModule } from './modules/channels/adapters/telegram';
import { TwilioChannelModule } from './modules/channels/adapters/twilio';
import { WebchatChannelModule, WebchatWidgetModule } from './modules/channels/adapters/webchat';
import { ChannelsModule } from './modules/channels/channels.module';
import { ContactsModule } from './modules/contacts/contacts.module';
import { ConversationsJobsModule } from './modules/conversations/conversations-jobs.module';
import { ConversationsModule } from './modules/conversations/conversations.module';
import { CustomersModule } from './modules/customers/customers.module';
import { DemoMailboxWorkerModule } from './modules/demo/demo-mailbox-worker.module';
import { DemoPageModule } from './modules/demo/demo-page.module';
import { DemoModule } from './modules/demo/demo.module';
import { HandoffsJobsModule } from './modules/handoffs/handoffs-jobs.module';
import { HandoffsModule } from './modules/handoffs/handoffs.module';
import { InboundJobsModule } from './modules/inbound/inbound-jobs.module';
import {
  ApiTokenPrincipalModule,
  ApiTokenPrincipalSource,
} from './modules/integrations/api-tokens/api-token-principal.source';
import { IntegrationsJobsModule } from './modules/integrations/integrations-jobs.module';
import { IntegrationsModule } from './modules/integrations/integrations.module';
import { IntakeModule } from './modules/intake/intake.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { MessagesModule } from './modules/conversations/messages/messages.module';
import { OutboundJobsModule } from './modules/outbound/outbound-jobs.module';
import { SlaModule } from './modules/sla/sla.module';
import { TeamsModule } from './modules/users/teams.module';
import { UserPrincipalModule, UserPrincipalSource } from './modules/users/user-principal.source';
import { ReportsModule } from './modules/reports/reports.module';
import { JourneysModule } from './modules/journeys/journeys.module';
import { PrivacyModule } from './modules/privacy/privacy.module';
import { MarketingJobsModule } from './modules/marketing/marketing-jobs.module';
import { MarketingModule } from './modules/marketing/marketing.module';
import { SearchModule } from './modules/search/search.module';
import { SupervisorModule } from './modules/supervisor/supervisor.module';
import { UsersModule } from './modules/users/users.module';
import { WorkspaceModule } from './modules/workspace/workspace.module';
import { AssistModule } from './modules/assist/assist.module';
import { CannedResponsesModule } from './modules/canned-responses/canned-responses.module';
import { LabelsModule } from './modules/labels/labels.module';
import { GoalsModule } from './modules/goals/goals.module';
import { SatisfactionJobsModule } from './modules/satisfaction/satisfaction-jobs.module';
import { SatisfactionModule } from './modules/satisfaction/satisfaction.module';
import { WeeklySummaryJobsModule } from './modules/weekly-summary/weekly-summary-jobs.module';
import { WeeklySummaryModule } from './modules/weekly-summary/weekly-summary.module';

type Imports = NonNullable<ModuleMetadata['imports']>;

/** Serves the built web app at `/`; routes of the api, sockets and webhooks are left alone. */
function webApp(config: AppConfig): Imports {
  const rootPath = resolve(config.http.webDist);
  if (!existsSync(resolve(rootPath, 'index.html'))) return [];
  return [
    ServeStaticModule.forRoot({
      rootPath,
      exclude: [
        '/api/{*path}',
        '/socket.io/{*path}',
        '/webhooks/{*path}',
        '/forms/{*path}',
        '/demo',
        '/csat/{*path}',
      ],
      serveStaticOptions: { index: 'index.html', maxAge: '1h' },
    }),
  ];
}

/**
 * One image, three roles: `api` serves HTTP and sockets, `worker` runs the queue handlers, `all`
 * does both. Domain modules are shared; only entry points differ.
 */
@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    const domain: Imports = [
      UsersModule,
      TeamsModule,
      SlaModule,
      AuthModule,
      WorkspaceModule,
      ChannelsModule,
      ContactsModule,
      ConversationsModule,
      CustomersModule,
      MessagesModule,
      IntakeModule,
      HandoffsModule,
      NotificationsModule,
      AssignmentModule,
      SupervisorModule,
      ReportsModule,
      JourneysModule,
      SearchModule,
      MarketingModule,
      DemoModule,
      IntegrationsModule,
      PrivacyModule,
      AssistModule,
      CannedResponsesModule,
      LabelsModule,
      GoalsModule,
      SatisfactionModule,
      WeeklySummaryModule,
      // Channel adapters (each registers itself with the channel registry).
      ApiChannelModule,
      EmailChannelModule,
      FormChannelModule,
      MetaChannelModule,
      TelegramChannelModule,
      TwilioChannelModule,
      WebchatChannelModule,
    ];
    const api: Imports = config.runsApi
      ? [HealthModule, RealtimeModule, WebchatWidgetModule, DemoPageModule, ...webApp(config)]
      : [];
    const worker: Imports = config.runsWorker
      ? [
          QueueWorkersModule,
          EventsJobsModule,
          UsersJobsModule,
          InboundJobsModule,
          OutboundJobsModule,
          ConversationsJobsModule,
          HandoffsJobsModule,
          AssignmentJobsModule,
          MarketingJobsModule,
          EmailChannelWorkerModule,
          DemoMailboxWorkerModule,
          IntegrationsJobsModule,
          SatisfactionJobsModule,
          WeeklySummaryJobsModule,
        ]
      : [];
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        TypeOrmModule.forRoot(dataSourceOptions(config)),
        RedisModule,
        RateLimitModule,
        QueueModule,
        EventsModule,
        RealtimePublisherModule,
        StorageModule,
        NetModule,
        AuthCoreModule.forRoot({
          imports: [UserPrincipalModule, ApiTokenPrincipalModule],
          source: UserPrincipalSource,
          apiTokens: ApiTokenPrincipalSource,
        }),
        ...domain,
        ...api,
        ...worker,
      ],
      providers: [
        { provide: APP_PIPE, useClass: AppValidationPipe },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
