import type {
  BulkConversationsRequest,
  BulkConversationsResultDto,
  ConversationSummaryDto,
  CreateLabelRequest,
  LabelDto,
  UpdateLabelRequest,
} from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** Workspace labels, labels on conversations, and bulk actions on conversations. */
export interface LabelsApi {
  list(signal?: AbortSignal): Promise<LabelDto[]>;
  create(body: CreateLabelRequest): Promise<LabelDto>;
  update(id: string, body: UpdateLabelRequest): Promise<LabelDto>;
  remove(id: string): Promise<void>;
  addToConversation(conversationId: string, labelId: string): Promise<ConversationSummaryDto>;
  removeFromConversation(conversationId: string, labelId: string): Promise<ConversationSummaryDto>;
  bulk(body: BulkConversationsRequest): Promise<BulkConversationsResultDto>;
}

const labelPath = (id: string) => `/api/labels/${encodeURIComponent(id)}`;
const conversationLabels = (id: string) => `/api/conversations/${encodeURIComponent(id)}/labels`;

export function createLabelsApi(client: HttpClient): LabelsApi {
  return {
    list: (signal) => client.get<LabelDto[]>('/api/labels', { signal }),
    create: (body) => client.post<LabelDto>('/api/labels', body),
    update: (id, body) => client.request<LabelDto>(labelPath(id), { method: 'PATCH', body }),
    remove: (id) => client.request<void>(labelPath(id), { method: 'DELETE' }),
    addToConversation: (conversationId, labelId) =>
      client.post<ConversationSummaryDto>(conversationLabels(conversationId), { labelId }),
    removeFromConversation: (conversationId, labelId) =>
      client.request<ConversationSummaryDto>(
        `${conversationLabels(conversationId)}/${encodeURIComponent(labelId)}`,
        { method: 'DELETE' },
      ),
    bulk: (body) => client.post<BulkConversationsResultDto>('/api/conversations/bulk', body),
  };
}

export const labelsApi: LabelsApi = createLabelsApi(http);
