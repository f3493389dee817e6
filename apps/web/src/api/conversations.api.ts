import type {
  LogCallRequest,
  ChannelKind,
  ConversationCountsDto,
  ConversationDto,
  ConversationListDto,
  ConversationStatus,
  ConversationSummaryDto,
  ConversationView,
  MessageDto,
  ReplyChannelOptionDto,
  SendMessageRequest,
  SendSuggestionRequest,
  TimelineDto,
  UpdateConversationRequest,
} from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** What a conversation list shows: a view, narrowed by team, status, channel and search. */
export interface ConversationFilters {
  view: ConversationView;
  /** Required by the `team` view. */
  teamId?: string;
  status?: ConversationStatus;
  channel?: ChannelKind;
  /** Only conversations carrying this label. */
  labelId?: string;
  q?: string;
}

export interface ConversationsApi {
  list(
    filters: ConversationFilters,
    page: { cursor?: string | null; limit?: number },
    signal?: AbortSignal,
  ): Promise<ConversationListDto>;
  counts(signal?: AbortSignal): Promise<ConversationCountsDto>;
  get(id: string, signal?: AbortSignal): Promise<ConversationDto>;
  /** Forward from `after`, or backward from `before` (the newest entries below it). */
  timeline(
    id: string,
    page: { after: number; limit?: number } | { before: number; limit?: number },
    signal?: AbortSignal,
  ): Promise<TimelineDto>;
  replyChannels(id: string, signal?: AbortSignal): Promise<ReplyChannelOptionDto[]>;
  sendMessage(id: string, body: SendMessageRequest): Promise<MessageDto>;
  retryMessage(messageId: string): Promise<MessageDto>;
  /** Logs a call an agent had with the customer; answers it as a timeline message. */
  logCall(conversationId: string, body: LogCallRequest): Promise<MessageDto>;
  /** The owner sends a suggested reply (as is, or with an edited body); answers the reply. */
  sendSuggestion(suggestionId: string, body: SendSuggestionRequest): Promise<MessageDto>;
  claim(id: string): Promise<ConversationSummaryDto>;
  markRead(id: string): Promise<ConversationSummaryDto>;
  update(id: string, body: UpdateConversationRequest): Promise<ConversationSummaryDto>;
}

const path = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

export function createConversationsApi(client: HttpClient): ConversationsApi {
  return {
    list: (filters, page, signal) =>
      client.get<ConversationListDto>('/api/conversations', {
        signal,
        query: {
          view: filters.view,
          teamId: filters.teamId,
          status: filters.status,
          channel: filters.channel,
          labelId: filters.labelId,
          q: filters.q || undefined,
          cursor: page.cursor ?? undefined,
          limit: page.limit,
        },
      }),
    counts: (signal) => client.get<ConversationCountsDto>('/api/conversations/counts', { signal }),
    get: (id, signal) => client.get<ConversationDto>(path(id), { signal }),
    timeline: (id, page, signal) =>
      client.get<TimelineDto>(`${path(id)}/timeline`, {
        signal,
        query:
          'before' in page
            ? { before: page.before, limit: page.limit }
            : { after: page.after, limit: page.limit },
      }),
    replyChannels: (id, signal) =>
      client.get<ReplyChannelOptionDto[]>(`${path(id)}/reply-channels`, { signal }),
    sendMessage: (id, body) => client.post<MessageDto>(`${path(id)}/messages`, body),
    retryMessage: (messageId) =>
      client.post<MessageDto>(`/api/messages/${encodeURIComponent(messageId)}/retry`),
    logCall: (conversationId, body) =>
      client.post<MessageDto>(
        `/api/conversations/${encodeURIComponent(conversationId)}/calls`,
        body,
      ),
    sendSuggestion: (suggestionId, body) =>
      client.post<MessageDto>(
        `/api/messages/${encodeURIComponent(suggestionId)}/send-suggestion`,
        body,
      ),
    claim: (id) => client.post<ConversationSummaryDto>(`${path(id)}/claim`),
    markRead: (id) => client.post<ConversationSummaryDto>(`${path(id)}/read`),
    update: (id, body) =>
      client.request<ConversationSummaryDto>(path(id), { method: 'PATCH', body }),
  };
}

export const conversationsApi: ConversationsApi = createConversationsApi(http);
