import type {
  JourneyConversationsDto,
  JourneyOverviewDto,
  JourneyQueryInput,
} from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** One page of the conversations behind a journey number. */
export interface JourneyConversationsPage {
  key: string;
  offset: number;
  limit: number;
}

/** `/api/journeys`: where customers enter, wait and leave (supervisors, managers, admins). */
export interface JourneysApi {
  /** The paths, steps, outcomes and moments of the conversations begun in a range. */
  overview(query: JourneyQueryInput, signal?: AbortSignal): Promise<JourneyOverviewDto>;
  /** The conversations behind one number (a drill-down key the overview handed out). */
  conversations(
    query: JourneyQueryInput,
    page: JourneyConversationsPage,
    signal?: AbortSignal,
  ): Promise<JourneyConversationsDto>;
}

const filters = (query: JourneyQueryInput) => ({
  from: query.from,
  to: query.to,
  timeZone: query.timeZone,
  teamId: query.teamId,
  channelKind: query.channelKind,
  segment: query.segment,
});

export function createJourneysApi(client: HttpClient): JourneysApi {
  return {
    overview: (query, signal) =>
      client.get<JourneyOverviewDto>('/api/journeys', { signal, query: filters(query) }),
    conversations: (query, page, signal) =>
      client.get<JourneyConversationsDto>('/api/journeys/conversations', {
        signal,
        query: { ...filters(query), key: page.key, offset: page.offset, limit: page.limit },
      }),
  };
}

export const journeysApi: JourneysApi = createJourneysApi(http);
