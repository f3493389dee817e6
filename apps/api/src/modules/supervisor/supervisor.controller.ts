import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SupervisorBoardDto } from '@touchpoint/shared';
import { Roles } from '../../core/auth/auth.decorators';
import { SupervisorBoardQuery } from './supervisor-board.query';

@ApiTags('supervisor')
@ApiBearerAuth()
@Controller('api/supervisor')
export class SupervisorController {
  constructor(private readonly board: SupervisorBoardQuery) {}

  @Get('queues')
  @Roles('supervisor', 'manager', 'admin')
  @ApiOperation({
    summary:
      'The live board: queues per team, open consults and transfers with their deadlines, the flow between teams, and every agent with presence and load',
  })
  queues(): Promise<SupervisorBoardDto> {
    return this.board.board();
  }
}
