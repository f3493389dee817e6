import { Module } from '@nestjs/common';
import { SendWeeklySummaryJob, SweepWeeklySummariesJob } from './weekly-summary.job';
import { WeeklySummaryModule } from './weekly-summary.module';

/** Worker side of the weekly summary: sending one, and the sweep that plans and restores them. */
@Module({
  imports: [WeeklySummaryModule],
  providers: [SendWeeklySummaryJob, SweepWeeklySummariesJob],
})
export class WeeklySummaryJobsModule {}
