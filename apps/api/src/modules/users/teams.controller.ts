import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TeamDto } from '@touchpoint/shared';
import { Roles } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import { CreateTeamDto, TeamMembersDto, UpdateTeamDto } from './teams.dto';
import { TeamsService } from './teams.service';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('api/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @Roles('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'All teams with their members' })
  list(): Promise<TeamDto[]> {
    return this.teams.list();
  }

  @Get(':id')
  @Roles('supervisor', 'manager', 'admin')
  get(@Param() { id }: IdParamDto): Promise<TeamDto> {
    return this.teams.get(id);
  }

  @Post()
  @Roles('admin')
  create(@Body() body: CreateTeamDto): Promise<TeamDto> {
    return this.teams.create(body);
  }

  @Patch(':id')
  @Roles('admin')
  update(@Param() { id }: IdParamDto, @Body() body: UpdateTeamDto): Promise<TeamDto> {
    return this.teams.update(id, body);
  }

  @Put(':id/members')
  @Roles('admin')
  @ApiOperation({ summary: 'Set the team members to exactly these users' })
  setMembers(@Param() { id }: IdParamDto, @Body() body: TeamMembersDto): Promise<TeamDto> {
    return this.teams.setMembers(id, body.userIds);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  remove(@Param() { id }: IdParamDto): Promise<void> {
    return this.teams.remove(id);
  }
}
