import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GoalFiguresQuery } from './goal-figures.query';
import { GoalsController } from './goals.controller';
import { GoalsService } from './goals.service';
import { SharedGoal } from './shared-goal.entity';

/** Shared goals between teams (owns `shared_goals`); reads the figures the reports read. */
@Module({
  imports: [TypeOrmModule.forFeature([SharedGoal])],
  controllers: [GoalsController],
  providers: [GoalsService, GoalFiguresQuery],
})
export class GoalsModule {}
