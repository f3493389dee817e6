import { Module } from '@nestjs/common';
import { WebhookDeliverJob } from './webhooks/webhook-deliver.job';
import { WebhookSweepJob } from './webhooks/webhook-sweep.job';

/** Worker side of webhooks: sending deliveries, and the sweep that brings lost ones back. */
@Module({ providers: [WebhookDeliverJob, WebhookSweepJob] })
export class IntegrationsJobsModule {}
