import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PrivacyModule } from '../privacy/privacy.module';
import { GoalFiguresQuery } from './goal-figures.query';
import { GoalsController } from './goals.controller';
import { GoalsService } from './goals.service';
import { SharedGoal } from './shared-goal.entity';

/**
 * Shared goals between teams (owns `shared_goals`); reads the figures the reports read, and records
 * every change in the audit log.
 */
@Module({
  imports: [TypeOrmModule.forFeature([SharedGoal]), PrivacyModule],
  controllers: [GoalsController],
  providers: [GoalsService, GoalFiguresQuery],
  exports: [GoalsService],
})
export class GoalsModule {}
