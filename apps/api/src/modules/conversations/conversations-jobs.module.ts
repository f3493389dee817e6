import { Module } from '@nestjs/common';
import { ConversationsModule } from './conversations.module';
import {
  ReplanConversationsSlaJob,
  ReplanTeamSlaJob,
  SlaBreachJob,
  SlaRiskJob,
  SweepSlaJob,
} from './sla-timer.job';
import { SweepSnoozedJob, WakeSnoozedJob } from './snooze-timer.job';

/** Worker side of conversations: snooze wake-ups, SLA timers and replans, and their sweeps. */
@Module({
  imports: [ConversationsModule],
  providers: [
    WakeSnoozedJob,
    SweepSnoozedJob,
    SlaRiskJob,
    SlaBreachJob,
    SweepSlaJob,
    ReplanTeamSlaJob,
    ReplanConversationsSlaJob,
  ],
})
export class ConversationsJobsModule {}
