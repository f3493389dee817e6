import { Module } from '@nestjs/common';
import { RecomputeMarketingHoldsJob, SweepMarketingHoldsJob } from './marketing-hold.job';
import { MarketingModule } from './marketing.module';

/** Worker side of the marketing stop: recomputes and the sweep. */
@Module({
  imports: [MarketingModule],
  providers: [RecomputeMarketingHoldsJob, SweepMarketingHoldsJob],
})
export class MarketingJobsModule {}
