import type {
  CreateHandoffRequest,
  HandoffDto,
  MarkLeadRequest,
  ParticipantDto,
} from '@touchpoint/shared';
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
  /** Mark as a sales lead: a consult or transfer to the team that receives leads (or `teamId`). */
  markLead(conversationId: string, body: MarkLeadRequest): Promise<HandoffDto>;
  /** Every handoff of a conversation, oldest first. */
  listOfConversation(conversationId: string, signal?: AbortSignal): Promise<HandoffDto[]>;
  participants(conversationId: string, signal?: AbortSignal): Promise<ParticipantDto[]>;
  /** The owner keeps a specialist in after their consult ended: access without end. */
  keepParticipant(conversationId: string, userId: string): Promise<ParticipantDto>;
  /** Takes a participant's access to the conversation away. */
  removeParticipant(conversationId: string, userId: string): Promise<void>;
  list(filters: HandoffListFilters, signal?: AbortSignal): Promise<HandoffDto[]>;
  accept(id: string): Promise<HandoffDto>;
  /** Supervisors: remind whoever holds it (409 `handoffs.nudged_recently` within 5 minutes). */
  nudge(id: string): Promise<HandoffDto>;
  decline(id: string, reason: string): Promise<HandoffDto>;
  complete(id: string, summary: string): Promise<HandoffDto>;
  cancel(id: string): Promise<HandoffDto>;
}

const conversationPath = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;
const handoffPath = (id: string) => `/api/handoffs/${encodeURIComponent(id)}`;
const participantPath = (conversationId: string, userId: string) =>
  `${conversationPath(conversationId)}/participants/${encodeURIComponent(userId)}`;

export function createHandoffsApi(client: HttpClient): HandoffsApi {
  return {
    create: (conversationId, body) =>
      client.post<HandoffDto>(`${conversationPath(conversationId)}/handoffs`, body),
    markLead: (conversationId, body) =>
      client.post<HandoffDto>(`${conversationPath(conversationId)}/lead`, body),
    listOfConversation: (conversationId, signal) =>
      client.get<HandoffDto[]>(`${conversationPath(conversationId)}/handoffs`, { signal }),
    participants: (conversationId, signal) =>
      client.get<ParticipantDto[]>(`${conversationPath(conversationId)}/participants`, { signal }),
    keepParticipant: (conversationId, userId) =>
      client.post<ParticipantDto>(`${participantPath(conversationId, userId)}/keep`),
    removeParticipant: (conversationId, userId) =>
      client.request<void>(participantPath(conversationId, userId), { method: 'DELETE' }),
    list: (filters, signal) =>
      client.get<HandoffDto[]>('/api/handoffs', {
        signal,
        query: { view: filters.view, teamId: filters.teamId },
      }),
    accept: (id) => client.post<HandoffDto>(`${handoffPath(id)}/accept`),
    decline: (id, reason) => client.post<HandoffDto>(`${handoffPath(id)}/decline`, { reason }),
    complete: (id, summary) => client.post<HandoffDto>(`${handoffPath(id)}/complete`, { summary }),
    cancel: (id) => client.post<HandoffDto>(`${handoffPath(id)}/cancel`),
    nudge: (id) => client.post<HandoffDto>(`${handoffPath(id)}/nudge`),
  };
}

export const handoffsApi: HandoffsApi = createHandoffsApi(http);
