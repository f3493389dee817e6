import { useMutation } from '@tanstack/react-query';
import { authApi } from '../../../api/auth.api';
import type { ApiError } from '../../../api/http';
import { sessionNoticeStore } from '../states/session-notice.store';
import { sessionStore } from '../states/session.store';

/**
 * Ends every session of the user, this one included; the login page then says why. Unlike a
 * plain sign-out this must reach the server: on failure the user stays signed in and sees why.
 */
export function useSignOutEverywhere() {
  return useMutation<void, ApiError, void>({
    mutationFn: () => authApi.logoutAll(),
    onSuccess: () => {
      sessionNoticeStore.set('signed_out_everywhere');
      sessionStore.clear();
    },
  });
}
