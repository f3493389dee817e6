import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelDto, CreateChannelRequest } from '@touchpoint/shared';
import { channelsApi } from '../../../api/channels.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';
import { byName } from '../format/channel-kinds';

/** Adds a channel; it joins the list in name order, as the server sorts it. */
export function useCreateChannel() {
  const queryClient = useQueryClient();
  return useMutation<ChannelDto, ApiError, CreateChannelRequest>({
    mutationFn: (body) => channelsApi.create(body),
    onSuccess: (channel) => {
      queryClient.setQueryData<ChannelDto[]>(queryKeys.channels(), (channels) =>
        channels ? [...channels, channel].sort(byName) : [channel],
      );
    },
  });
}
