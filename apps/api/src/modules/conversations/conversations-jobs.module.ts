import { Module } from '@nestjs/common';
import { ConversationsModule } from './conversations.module';
import { ComposerUploadSweepJob } from './messages/composer-upload-sweep.job';
import {
  ReplanConversationsSlaJob,
  ReplanTeamSlaJob,
  SlaBreachJob,
  SlaRiskJob,
  SweepSlaJob,
} from './sla-timer.job';
import { SweepSnoozedJob, WakeSnoozedJob } from './snooze-timer.job';

/** Worker side of conversations: snooze wake-ups, SLA timers and replans, their sweeps, and the sweep of unsent uploads. */
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
    ComposerUploadSweepJob,
  ],
})
export class ConversationsJobsModule {}
