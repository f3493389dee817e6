import { Module } from '@nestjs/common';
import { RequestCsatJob, SweepCsatJob } from './satisfaction.job';
import { SatisfactionModule } from './satisfaction.module';

/** Worker side of satisfaction: the survey at its due time, and the sweep. */
@Module({
  imports: [SatisfactionModule],
  providers: [RequestCsatJob, SweepCsatJob],
})
export class SatisfactionJobsModule {}
