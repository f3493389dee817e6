import { useMutation } from '@tanstack/react-query';
import type { AssistTeamSuggestionDto } from '@touchpoint/shared';
import { assistApi } from '../../../api/assist.api';
import type { ApiError } from '../../../api/http';

/** Asks the model which team to pull into the conversation. */
export function useTeamSuggestion(conversationId: string) {
  return useMutation<AssistTeamSuggestionDto, ApiError>({
    mutationFn: () => assistApi.teamSuggestion(conversationId),
  });
}
