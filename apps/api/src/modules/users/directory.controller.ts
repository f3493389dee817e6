import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DirectoryDto } from '@touchpoint/shared';
import { DataSource } from 'typeorm';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/directory')
export class DirectoryController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @ApiOperation({
    summary:
      'Teams and active colleagues (names only; invitees once they have joined), for pull-in and mention pickers',
  })
  async directory(): Promise<DirectoryDto> {
    const teams: DirectoryDto['teams'] = await this.db.query(
      'SELECT id, name, receives_leads AS "receivesLeads" FROM teams ORDER BY name',
    );
    const users: DirectoryDto['users'] = await this.db.query(
      `SELECT u.id, u.name, u.role, coalesce(array_agg(m.team_id) FILTER (WHERE m.team_id IS NOT NULL), '{}') AS "teamIds"
       FROM users u LEFT JOIN team_memberships m ON m.user_id = u.id
       WHERE u.active AND u.joined_at IS NOT NULL GROUP BY u.id ORDER BY u.name`,
    );
    return { teams, users };
  }
}
