import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelDto } from '@touchpoint/shared';
import { channelsApi } from '../../../api/channels.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** Deletes a channel without messages; the server refuses one that has some (409). */
export function useDeleteChannel() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) => channelsApi.remove(id),
    onSuccess: (_, id) => {
      queryClient.setQueryData<ChannelDto[]>(queryKeys.channels(), (channels) =>
        channels?.filter((channel) => channel.id !== id),
      );
    },
  });
}
