import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GoalDto } from '@touchpoint/shared';
import type { AuthUser } from '../../core/auth/auth-user';
import { AllowReadOnlyRoles, CurrentUser, Roles } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import { CreateGoalDto, UpdateGoalDto } from './goals.dto';
import { GoalsService } from './goals.service';

@ApiTags('goals')
@ApiBearerAuth()
@Controller('api/goals')
export class GoalsController {
  constructor(private readonly goals: GoalsService) {}

  @Get()
  @ApiOperation({
    summary:
      'The shared goals between teams, each with its value over the last 30 days, whether it holds, its value per week for the last 8 weeks and the teams or team pairs that hold it back, worst first',
  })
  list(): Promise<GoalDto[]> {
    return this.goals.list();
  }

  @Post()
  @Roles('supervisor', 'manager', 'admin')
  @AllowReadOnlyRoles()
  @ApiOperation({
    summary:
      'Agree a goal: a figure (kind and parameters) and its target (recorded in the audit log)',
  })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateGoalDto): Promise<GoalDto> {
    return this.goals.create(user, body);
  }

  @Patch(':id')
  @Roles('supervisor', 'manager', 'admin')
  @AllowReadOnlyRoles()
  @ApiOperation({ summary: 'Rename a goal or change its parameters or target (its kind stays)' })
  update(
    @CurrentUser() user: AuthUser,
    @Param() { id }: IdParamDto,
    @Body() body: UpdateGoalDto,
  ): Promise<GoalDto> {
    return this.goals.update(user, id, body);
  }

  @Delete(':id')
  @Roles('supervisor', 'manager', 'admin')
  @AllowReadOnlyRoles()
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a goal' })
  remove(@CurrentUser() user: AuthUser, @Param() { id }: IdParamDto): Promise<void> {
    return this.goals.remove(user, id);
  }
}
