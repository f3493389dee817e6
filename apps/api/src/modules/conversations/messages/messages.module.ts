import { Module } from '@nestjs/common';
import { ChannelsModule } from '../../channels/channels.module';
import { ConversationsModule } from '../conversations.module';
import { ComposerUploadsController } from './composer-uploads.controller';
import { ComposerUploadsService } from './composer-uploads.service';
import { MessagesController } from './messages.controller';
import { InboundMessagesService } from './inbound-messages.service';
import { MentionsService } from './mentions.service';
import { MessagesService } from './messages.service';

@Module({
  imports: [ConversationsModule, ChannelsModule],
  controllers: [MessagesController, ComposerUploadsController],
  providers: [MessagesService, MentionsService, InboundMessagesService, ComposerUploadsService],
  exports: [MessagesService, InboundMessagesService],
})
export class MessagesModule {}
