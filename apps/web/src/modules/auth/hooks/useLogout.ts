import { useMutation } from '@tanstack/react-query';
import { authApi } from '../../../api/auth.api';
import { sessionStore } from '../states/session.store';

/** Signs out: revokes the refresh token (best effort) and ends the session in this browser. */
export function useLogout() {
  return useMutation<void, Error, void>({
    mutationFn: async () => {
      const refreshToken = sessionStore.get()?.refreshToken;
      if (!refreshToken) return;
      try {
        await authApi.logout(refreshToken);
      } catch {
        // Offline or already revoked: signing out here must still work.
      }
    },
    onSettled: () => sessionStore.clear(),
  });
}
