import type { CreateHandoffRequest, HandoffDto, ParticipantDto } from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** The lists of `GET /api/handoffs`: waiting for my teams or me, accepted by me, asked by me. */
export type HandoffListView = 'queue' | 'mine' | 'requested';

export interface HandoffListFilters {
  view: HandoffListView;
  /** `queue` only: one of my teams instead of all of them. */
  teamId?: string;
}

export interface HandoffsApi {
  /** Pull in a team or person (consult) or hand the conversation over (transfer). */
  create(conversationId: string, body: CreateHandoffRequest): Promise<HandoffDto>;
  /** Every handoff of a conversation, oldest first. */
  listOfConversation(conversationId: string, signal?: AbortSignal): Promise<HandoffDto[]>;
  participants(conversationId: string, signal?: AbortSignal): Promise<ParticipantDto[]>;
  list(filters: HandoffListFilters, signal?: AbortSignal): Promise<HandoffDto[]>;
  accept(id: string): Promise<HandoffDto>;
  decline(id: string, reason: string): Promise<HandoffDto>;
  complete(id: string, summary: string): Promise<HandoffDto>;
  cancel(id: string): Promise<HandoffDto>;
}

const conversationPath = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;
const handoffPath = (id: string) => `/api/handoffs/${encodeURIComponent(id)}`;

export function createHandoffsApi(client: HttpClient): HandoffsApi {
  return {
    create: (conversationId, body) =>
      client.post<HandoffDto>(`${conversationPath(conversationId)}/handoffs`, body),
    listOfConversation: (conversationId, signal) =>
      client.get<HandoffDto[]>(`${conversationPath(conversationId)}/handoffs`, { signal }),
    participants: (conversationId, signal) =>
      client.get<ParticipantDto[]>(`${conversationPath(conversationId)}/participants`, { signal }),
    list: (filters, signal) =>
      client.get<HandoffDto[]>('/api/handoffs', {
        signal,
        query: { view: filters.view, teamId: filters.teamId },
      }),
    accept: (id) => client.post<HandoffDto>(`${handoffPath(id)}/accept`),
    decline: (id, reason) => client.post<HandoffDto>(`${handoffPath(id)}/decline`, { reason }),
    complete: (id, summary) => client.post<HandoffDto>(`${handoffPath(id)}/complete`, { summary }),
    cancel: (id) => client.post<HandoffDto>(`${handoffPath(id)}/cancel`),
  };
}

export const handoffsApi: HandoffsApi = createHandoffsApi(http);
