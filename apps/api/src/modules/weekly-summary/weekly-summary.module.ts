import { Module } from '@nestjs/common';
import { EmailChannelModule } from '../channels/adapters/email';
import { GoalsModule } from '../goals/goals.module';
import { JourneysModule } from '../journeys/journeys.module';
import { SatisfactionModule } from '../satisfaction/satisfaction.module';
import { WeeklySummaryService } from './weekly-summary.service';

/**
 * The weekly summary email to those who asked for it (owns `weekly_summaries`; the opt-in is the
 * user's own setting). Reads the journeys, satisfaction results and goals; sends through the first
 * email channel's relay.
 */
@Module({
  imports: [EmailChannelModule, JourneysModule, SatisfactionModule, GoalsModule],
  providers: [WeeklySummaryService],
  exports: [WeeklySummaryService],
})
export class WeeklySummaryModule {}
