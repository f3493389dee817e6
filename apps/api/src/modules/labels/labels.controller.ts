import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LabelDto } from '@touchpoint/shared';
import { RequireScopes, Roles } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import { CreateLabelDto, UpdateLabelDto } from './labels.dto';
import { LabelsService } from './labels.service';

@ApiTags('labels')
@ApiBearerAuth()
@Controller('api/labels')
export class LabelsController {
  constructor(private readonly labels: LabelsService) {}

  @Get()
  @RequireScopes('conversations:read')
  @ApiOperation({ summary: 'The workspace labels, by name' })
  list(): Promise<LabelDto[]> {
    return this.labels.list();
  }

  @Post()
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Create a label (name unique, colour #rrggbb)' })
  create(@Body() body: CreateLabelDto): Promise<LabelDto> {
    return this.labels.create(body);
  }

  @Patch(':id')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Rename or recolour a label' })
  update(@Param() { id }: IdParamDto, @Body() body: UpdateLabelDto): Promise<LabelDto> {
    return this.labels.update(id, body);
  }

  @Delete(':id')
  @Roles('supervisor', 'admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a label; conversations carrying it lose it' })
  remove(@Param() { id }: IdParamDto): Promise<void> {
    return this.labels.remove(id);
  }
}
