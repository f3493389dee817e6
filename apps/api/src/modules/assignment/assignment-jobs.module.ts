import { Module } from '@nestjs/common';
import { AssignmentModule } from './assignment.module';
import { AssignmentSweepJob, AssignTeamJob } from './auto-assignment.job';

/** Worker side of automatic assignment: the runs and the minute sweep. */
@Module({
  imports: [AssignmentModule],
  providers: [AssignTeamJob, AssignmentSweepJob],
})
export class AssignmentJobsModule {}
