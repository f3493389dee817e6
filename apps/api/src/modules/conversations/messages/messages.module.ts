import { Module } from '@nestjs/common';
import { ChannelsModule } from '../../channels/channels.module';
import { ConversationsModule } from '../conversations.module';
import { MessagesController } from './messages.controller';
import { InboundMessagesService } from './inbound-messages.service';
import { MentionsService } from './mentions.service';
import { MessagesService } from './messages.service';

@Module({
  imports: [ConversationsModule, ChannelsModule],
  controllers: [MessagesController],
  providers: [MessagesService, MentionsService, InboundMessagesService],
  exports: [MessagesService, InboundMessagesService],
})
export class MessagesModule {}
