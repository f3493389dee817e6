import { Module } from '@nestjs/common';
import { ConversationAccess } from './conversation-access.service';

/** The visibility rule alone, so contacts, messages and realtime can use it without the rest. */
@Module({ providers: [ConversationAccess], exports: [ConversationAccess] })
export class ConversationAccessModule {}
