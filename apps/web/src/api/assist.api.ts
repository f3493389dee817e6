import type {
  AssistCallDto,
  AssistReplyDraftRequest,
  AssistSettingsDto,
  AssistStatusDto,
  AssistTeamSuggestionDto,
  AssistTranslateRequest,
  UpdateAssistSettingsRequest,
} from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** What a streamed assist call is asked for: the route below the conversation and its body. */
export type AssistStreamRequest =
  | { feature: 'handoff-summary' }
  | { feature: 'summary' }
  | { feature: 'reply-draft'; body: AssistReplyDraftRequest }
  | { feature: 'translate'; body: AssistTranslateRequest };

/** AI assistance: which features are on, the streamed drafts, and the admins' switches and audit. */
export interface AssistApi {
  status(signal?: AbortSignal): Promise<AssistStatusDto>;
  /** The answer of a streamed feature, its body unread (server-sent events); errors are thrown. */
  stream(
    conversationId: string,
    request: AssistStreamRequest,
    signal: AbortSignal,
  ): Promise<Response>;
  teamSuggestion(conversationId: string, signal?: AbortSignal): Promise<AssistTeamSuggestionDto>;
  settings(signal?: AbortSignal): Promise<AssistSettingsDto>;
  updateSettings(body: UpdateAssistSettingsRequest): Promise<AssistSettingsDto>;
  calls(signal?: AbortSignal): Promise<AssistCallDto[]>;
}

const assistPath = (conversationId: string, feature: string) =>
  `/api/conversations/${encodeURIComponent(conversationId)}/assist/${feature}`;

export function createAssistApi(client: HttpClient): AssistApi {
  return {
    status: (signal) => client.get<AssistStatusDto>('/api/assist/status', { signal }),
    stream: (conversationId, request, signal) =>
      client.post<Response>(
        assistPath(conversationId, request.feature),
        'body' in request ? request.body : {},
        { signal, responseType: 'stream' },
      ),
    teamSuggestion: (conversationId, signal) =>
      client.post<AssistTeamSuggestionDto>(
        assistPath(conversationId, 'team-suggestion'),
        {},
        {
          signal,
        },
      ),
    settings: (signal) => client.get<AssistSettingsDto>('/api/assist/settings', { signal }),
    updateSettings: (body) =>
      client.request<AssistSettingsDto>('/api/assist/settings', { method: 'PATCH', body }),
    calls: (signal) => client.get<AssistCallDto[]>('/api/assist/calls', { signal }),
  };
}

export const assistApi: AssistApi = createAssistApi(http);
