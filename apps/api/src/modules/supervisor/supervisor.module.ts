import { Module } from '@nestjs/common';
import { SupervisorBoardQuery } from './supervisor-board.query';
import { SupervisorController } from './supervisor.controller';

/** What supervisors watch: the live board. Reads only; owns no table. */
@Module({
  controllers: [SupervisorController],
  providers: [SupervisorBoardQuery],
})
export class SupervisorModule {}
