import { Module } from '@nestjs/common';
import { ApiTokensController } from './api-tokens/api-tokens.controller';
import { ApiTokensService } from './api-tokens/api-tokens.service';
import { WebhookFanoutListener } from './webhooks/webhook-fanout.listener';
import { WebhookPayloadBuilder } from './webhooks/webhook-payload.builder';
import { WebhookSubscriptionsCache } from './webhooks/webhook-subscriptions.cache';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';

/**
 * Connections to other systems: outgoing webhooks (deliveries created from domain events in every
 * process) and API tokens. The token check itself is in `ApiTokenPrincipalModule`, given to core's
 * auth guard.
 */
@Module({
  controllers: [WebhooksController, ApiTokensController],
  providers: [
    WebhooksService,
    WebhookSubscriptionsCache,
    WebhookPayloadBuilder,
    WebhookFanoutListener,
    ApiTokensService,
  ],
})
export class IntegrationsModule {}
