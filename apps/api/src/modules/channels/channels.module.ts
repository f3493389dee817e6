import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ChannelRegistry } from './channel-registry';
import { ChannelsController } from './channels.controller';
import { ChannelsService } from './channels.service';

@Module({
  imports: [DiscoveryModule],
  controllers: [ChannelsController],
  providers: [ChannelsService, ChannelRegistry],
  exports: [ChannelsService, ChannelRegistry],
})
export class ChannelsModule {}
