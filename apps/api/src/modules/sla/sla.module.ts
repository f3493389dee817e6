import { Module } from '@nestjs/common';
import { SlaSettingsController } from './sla-settings.controller';
import { SlaSettingsService } from './sla-settings.service';

/** Business hours and SLA policies per team, and the business-time arithmetic they feed. */
@Module({
  controllers: [SlaSettingsController],
  providers: [SlaSettingsService],
  exports: [SlaSettingsService],
})
export class SlaModule {}
