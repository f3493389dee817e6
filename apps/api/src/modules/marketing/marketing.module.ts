import { Module } from '@nestjs/common';
import { MarketingHoldListener } from './marketing-hold.listener';
import { MarketingHoldService } from './marketing-hold.service';
import { SuppressionsController } from './suppressions.controller';
import { SuppressionsService } from './suppressions.service';

/**
 * The marketing stop: contacts on hold while a support conversation of theirs is unresolved, and
 * the suppression list marketing tools poll. Reads conversations and teams with SQL and imports no
 * other domain module, so that any of them may show a contact's hold.
 */
@Module({
  controllers: [SuppressionsController],
  providers: [MarketingHoldService, MarketingHoldListener, SuppressionsService],
  exports: [MarketingHoldService],
})
export class MarketingModule {}
