import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConversationsModule } from '../conversations/conversations.module';
import { ConversationBulkService } from './conversation-bulk.service';
import { ConversationLabelsController } from './conversation-labels.controller';
import { Label } from './label.entity';
import { LabelsController } from './labels.controller';
import { LabelsService } from './labels.service';

/**
 * Workspace labels (owns `labels`), labels on conversations (written through the conversation
 * writer) and bulk actions on conversations from the list.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Label]), ConversationsModule],
  controllers: [LabelsController, ConversationLabelsController],
  providers: [LabelsService, ConversationBulkService],
})
export class LabelsModule {}
