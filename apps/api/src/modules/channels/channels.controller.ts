import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createChannelSchema,
  updateChannelSchema,
  type ChannelCheckDto,
  type ChannelDto,
} from '@touchpoint/shared';
import { createZodDto } from 'nestjs-zod';
import { Roles } from '../../core/auth/auth.decorators';
import { IdParamDto } from '../../core/http/id-param.dto';
import { ChannelsService } from './channels.service';

class CreateChannelDto extends createZodDto(createChannelSchema) {}
class UpdateChannelDto extends createZodDto(updateChannelSchema) {}

@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'Channels with their settings (secrets masked) and set-up endpoints' })
  list(): Promise<ChannelDto[]> {
    return this.channels.list();
  }

  @Get(':id')
  @Roles('admin')
  get(@Param() { id }: IdParamDto): Promise<ChannelDto> {
    return this.channels.get(id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Add a channel; config is validated for its kind' })
  create(@Body() body: CreateChannelDto): Promise<ChannelDto> {
    return this.channels.create(body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a channel; send masked secrets back unchanged to keep them' })
  update(@Param() { id }: IdParamDto, @Body() body: UpdateChannelDto): Promise<ChannelDto> {
    return this.channels.update(id, body);
  }

  @Post(':id/check')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Ask the provider whether the channel's settings work (nothing is sent to customers); a problem is described in `message`",
  })
  check(@Param() { id }: IdParamDto): Promise<ChannelCheckDto> {
    return this.channels.check(id);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a channel without messages (disable it otherwise)' })
  remove(@Param() { id }: IdParamDto): Promise<void> {
    return this.channels.remove(id);
  }
}
