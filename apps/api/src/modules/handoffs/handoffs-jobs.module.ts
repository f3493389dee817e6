import { Module } from '@nestjs/common';
import { HandoffEscalateJob, HandoffRemindJob } from './handoff-sla.job';
import { HandoffsModule } from './handoffs.module';

/** Worker side of handoffs: SLA reminders and escalations. */
@Module({
  imports: [HandoffsModule],
  providers: [HandoffRemindJob, HandoffEscalateJob],
})
export class HandoffsJobsModule {}
