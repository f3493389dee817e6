import { Module } from '@nestjs/common';
import { ChannelsModule } from '../../channels/channels.module';
import { ConversationsModule } from '../conversations.module';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

@Module({
  imports: [ConversationsModule, ChannelsModule],
  controllers: [MessagesController],
  providers: [MessagesService],
  exports: [MessagesService],
})
export class MessagesModule {}
