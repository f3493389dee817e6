import { useMutation } from '@tanstack/react-query';
import type { ChannelCheckDto } from '@touchpoint/shared';
import { channelsApi } from '../../../api/channels.api';
import type { ApiError } from '../../../api/http';

/** Asks whether a channel's saved settings work; the answer is words for the admin, not data. */
export function useCheckChannel() {
  return useMutation<ChannelCheckDto, ApiError, string>({
    mutationFn: (id) => channelsApi.check(id),
  });
}
