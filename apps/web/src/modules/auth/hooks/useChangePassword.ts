import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AuthTokensDto, ChangePasswordRequest } from '@touchpoint/shared';
import { authApi } from '../../../api/auth.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/**
 * Changes the user's own password. The HTTP client stores the new tokens (the server ended every
 * other session, the old refresh token included); the answer's user refreshes the cache.
 */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation<AuthTokensDto, ApiError, ChangePasswordRequest>({
    mutationFn: (body) => authApi.changePassword(body),
    onSuccess: (tokens) => queryClient.setQueryData(queryKeys.me(), tokens.user),
  });
}
