import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AuthTokensDto, LoginRequest } from '@touchpoint/shared';
import { authApi } from '../../../api/auth.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';
import { sessionNoticeStore } from '../states/session-notice.store';
import { sessionFromTokens, sessionStore } from '../states/session.store';

/** Signs in; on success the session is stored and the user is in the cache. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation<AuthTokensDto, ApiError, LoginRequest>({
    mutationFn: (credentials) => authApi.login(credentials),
    onSuccess: (tokens) => {
      queryClient.clear(); // nothing of a previous user survives
      queryClient.setQueryData(queryKeys.me(), tokens.user);
      sessionNoticeStore.clear();
      sessionStore.set(sessionFromTokens(tokens));
    },
  });
}
