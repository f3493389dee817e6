import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller';
import { ReportsQuery } from './reports.query';

/** What supervisors look back on: reports of a date range. Reads only; owns no table. */
@Module({
  controllers: [ReportsController],
  providers: [ReportsQuery],
})
export class ReportsModule {}
