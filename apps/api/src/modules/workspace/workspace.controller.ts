import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { WorkspaceDto } from '@touchpoint/shared';
import type { Repository } from 'typeorm';
import { Workspace } from './workspace.entity';

@ApiTags('workspace')
@ApiBearerAuth()
@Controller('api/workspace')
export class WorkspaceController {
  constructor(@InjectRepository(Workspace) private readonly workspaces: Repository<Workspace>) {}

  @Get()
  async get(): Promise<WorkspaceDto> {
    const [workspace] = await this.workspaces.find({ order: { createdAt: 'ASC' }, take: 1 });
    return { name: workspace?.name ?? 'Touchpoint' };
  }
}
