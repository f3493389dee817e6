import { Module } from '@nestjs/common';
import { ConversationAccessModule } from '../conversations/conversation-access.module';
import { SearchController } from './search.controller';
import { SearchService } from './search.service';

/** Full-text search over messages and contacts. Reads only; owns no table (the indexes it reads live with them). */
@Module({
  imports: [ConversationAccessModule],
  controllers: [SearchController],
  providers: [SearchService],
})
export class SearchModule {}
