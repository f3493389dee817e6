import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AuthTokensDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { usersApi } from '../../../api/users.api';
import { queryKeys } from '../../../lib/query-keys';
import { sessionNoticeStore } from '../../auth/states/session-notice.store';
import { sessionFromTokens, sessionStore } from '../../auth/states/session.store';

export interface RedeemUserLinkVariables {
  token: string;
  password: string;
}

/**
 * Chooses the password a one-time link allows; the answer is a sign-in, stored as `useLogin`
 * stores one (whoever was signed in in this browser before is signed out).
 */
export function useRedeemUserLink() {
  const queryClient = useQueryClient();
  return useMutation<AuthTokensDto, ApiError, RedeemUserLinkVariables>({
    mutationFn: ({ token, password }) => usersApi.redeemLink(token, { password }),
    onSuccess: (tokens) => {
      queryClient.clear(); // nothing of a previous user survives
      queryClient.setQueryData(queryKeys.me(), tokens.user);
      sessionNoticeStore.clear();
      sessionStore.set(sessionFromTokens(tokens));
    },
  });
}
