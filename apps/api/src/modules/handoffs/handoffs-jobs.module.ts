import { Module } from '@nestjs/common';
import { HandoffEscalateJob, HandoffRemindJob, SweepHandoffSlaJob } from './handoff-sla.job';
import { HandoffsModule } from './handoffs.module';
import { EndParticipantAccessJob, SweepParticipantAccessJob } from './participant-access.job';

/** Worker side of handoffs: SLA reminders and escalations (and their sweep), ends of participant access. */
@Module({
  imports: [HandoffsModule],
  providers: [
    HandoffRemindJob,
    HandoffEscalateJob,
    SweepHandoffSlaJob,
    EndParticipantAccessJob,
    SweepParticipantAccessJob,
  ],
})
export class HandoffsJobsModule {}
