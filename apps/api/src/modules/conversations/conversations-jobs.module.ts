import { Module } from '@nestjs/common';
import { ConversationsModule } from './conversations.module';
import { SweepSnoozedJob, WakeSnoozedJob } from './snooze-timer.job';

/** Worker side of conversations: snooze wake-ups and their sweep. */
@Module({
  imports: [ConversationsModule],
  providers: [WakeSnoozedJob, SweepSnoozedJob],
})
export class ConversationsJobsModule {}
