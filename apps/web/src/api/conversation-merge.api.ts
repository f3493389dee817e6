import type {
  MergeCandidateDto,
  MergeConversationRequest,
  MergeResultDto,
  SplitConsultRequest,
  SplitConversationRequest,
  SplitResultDto,
  UnmergeConversationRequest,
  UnmergeResultDto,
} from '@touchpoint/shared';
import { http, type HttpClient } from './http';

export interface ConversationMergeApi {
  /** The contact's other conversations the user may merge into this one. */
  candidates(conversationId: string, signal?: AbortSignal): Promise<MergeCandidateDto[]>;
  /** Merges `sourceConversationId` into the conversation: one thread in the order things happened. */
  merge(conversationId: string, body: MergeConversationRequest): Promise<MergeResultDto>;
  /** Undoes a merge into the conversation; what arrived since stays in it. */
  unmerge(conversationId: string, body: UnmergeConversationRequest): Promise<UnmergeResultDto>;
  /** Moves a message and what follows into a new conversation in a team's queue. */
  split(conversationId: string, body: SplitConversationRequest): Promise<SplitResultDto>;
  /** An automatic consult's request becomes its own conversation in the consulted team's queue. */
  splitConsult(handoffId: string, body: SplitConsultRequest): Promise<SplitResultDto>;
}

const path = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

export function createConversationMergeApi(client: HttpClient): ConversationMergeApi {
  return {
    candidates: (id, signal) =>
      client.get<MergeCandidateDto[]>(`${path(id)}/merge-candidates`, { signal }),
    merge: (id, body) => client.post<MergeResultDto>(`${path(id)}/merge`, body),
    unmerge: (id, body) => client.post<UnmergeResultDto>(`${path(id)}/unmerge`, body),
    split: (id, body) => client.post<SplitResultDto>(`${path(id)}/split`, body),
    splitConsult: (handoffId, body) =>
      client.post<SplitResultDto>(`/api/handoffs/${encodeURIComponent(handoffId)}/split`, body),
  };
}

export const conversationMergeApi: ConversationMergeApi = createConversationMergeApi(http);
