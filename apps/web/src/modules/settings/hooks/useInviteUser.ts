import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InviteUserRequest, UserDto, UserLinkDto } from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { usersApi } from '../../../api/users.api';
import { queryKeys } from '../../../lib/query-keys';
import { withUser } from '../format/user-list';

/**
 * Invites a colleague (or sends a pending invitee a fresh link). The invitee joins the list; the
 * teams they were put in show them as members, so those load again.
 */
export function useInviteUser() {
  const queryClient = useQueryClient();
  return useMutation<UserLinkDto, ApiError, InviteUserRequest>({
    mutationFn: (body) => usersApi.invite(body),
    onSuccess: (link) => {
      queryClient.setQueryData<UserDto[]>(queryKeys.users(), (users) => withUser(users, link.user));
      void queryClient.invalidateQueries({ queryKey: queryKeys.teams() });
    },
  });
}
