import { useQuery } from '@tanstack/react-query';
import type { ChannelDto } from '@touchpoint/shared';
import { channelsApi } from '../../../api/channels.api';
import type { ApiError } from '../../../api/http';
import { queryKeys } from '../../../lib/query-keys';

/** Every channel with its masked config (admins only). */
export function useChannels() {
  return useQuery<ChannelDto[], ApiError>({
    queryKey: queryKeys.channels(),
    queryFn: ({ signal }) => channelsApi.list(signal),
  });
}
