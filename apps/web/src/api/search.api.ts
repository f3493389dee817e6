import type { SearchQuery, SearchResultDto } from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** A search as the API takes it (the page size as a number). */
export type SearchRequest = Omit<SearchQuery, 'limit'> & { limit?: number };

export interface SearchApi {
  /** Conversations whose messages, notes, subject or contact hold the words, newest match first. */
  search(query: SearchRequest, signal?: AbortSignal): Promise<SearchResultDto>;
}

export function createSearchApi(client: HttpClient): SearchApi {
  return {
    search: (query, signal) =>
      client.get<SearchResultDto>('/api/search', {
        signal,
        query: {
          q: query.q,
          channelKind: query.channelKind,
          teamId: query.teamId,
          ownerId: query.ownerId,
          status: query.status,
          from: query.from,
          to: query.to,
          cursor: query.cursor,
          limit: query.limit,
        },
      }),
  };
}

export const searchApi: SearchApi = createSearchApi(http);
