import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SearchParams, SearchResultDto } from '@touchpoint/shared';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../core/auth/auth-user';
import { ConversationAccess } from '../conversations/conversation-access.service';
import { searchConversations } from './search.query';

@Injectable()
export class SearchService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: ConversationAccess,
  ) {}

  async search(user: AuthUser, params: SearchParams): Promise<SearchResultDto> {
    const teamIds = await this.access.teamIdsOf(user.id);
    return searchConversations(this.db, { id: user.id, role: user.role, teamIds }, params);
  }
}
