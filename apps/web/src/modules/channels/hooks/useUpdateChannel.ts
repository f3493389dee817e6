import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelDto, UpdateChannelRequest } from '@touchpoint/shared';
import { channelsApi } from '../../../api/channels.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';
import { byName } from '../format/channel-kinds';

export interface UpdateChannelVariables {
  id: string;
  body: UpdateChannelRequest;
}

/** Changes a channel (settings, name, team, or on/off); the answer replaces it in the list. */
export function useUpdateChannel() {
  const queryClient = useQueryClient();
  return useMutation<ChannelDto, ApiError, UpdateChannelVariables>({
    mutationFn: ({ id, body }) => channelsApi.update(id, body),
    onSuccess: (channel) => {
      queryClient.setQueryData<ChannelDto[]>(queryKeys.channels(), (channels) =>
        channels?.map((current) => (current.id === channel.id ? channel : current)).sort(byName),
      );
    },
  });
}
