import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UserDto, UserLinkDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { usersApi } from '../../../api/users.api';
import { queryKeys } from '../../../lib/query-keys';
import { withUser } from '../format/user-list';

/** A fresh invitation link for a pending invitee (by user id); older links stop working. */
export function useResendInvitation() {
  const queryClient = useQueryClient();
  return useMutation<UserLinkDto, ApiError, string>({
    mutationFn: (id) => usersApi.resendInvitation(id),
    onSuccess: (link) => {
      queryClient.setQueryData<UserDto[]>(queryKeys.users(), (users) => withUser(users, link.user));
    },
  });
}
