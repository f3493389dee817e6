import type {
  ChannelCheckDto,
  ChannelDto,
  CreateChannelRequest,
  UpdateChannelRequest,
} from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** `/api/channels` (admins only): channels with masked secrets; create, change, delete. */
export interface ChannelsApi {
  /** Every channel, by name. */
  list(signal?: AbortSignal): Promise<ChannelDto[]>;
  /** Adds a channel; the server validates `config` against the schema of `kind`. */
  create(body: CreateChannelRequest): Promise<ChannelDto>;
  /** Changes a channel; masked secrets sent back unchanged keep the stored values. */
  update(id: string, body: UpdateChannelRequest): Promise<ChannelDto>;
  /** Asks the provider whether the saved settings work; nothing reaches a customer. */
  check(id: string): Promise<ChannelCheckDto>;
  /** Deletes a channel that has no messages yet (a 409 otherwise). */
  remove(id: string): Promise<void>;
}

const channelPath = (id: string) => `/api/channels/${encodeURIComponent(id)}`;

export function createChannelsApi(client: HttpClient): ChannelsApi {
  return {
    list: (signal) => client.get<ChannelDto[]>('/api/channels', { signal }),
    create: (body) => client.post<ChannelDto>('/api/channels', body),
    update: (id, body) => client.request<ChannelDto>(channelPath(id), { method: 'PATCH', body }),
    check: (id) => client.post<ChannelCheckDto>(`${channelPath(id)}/check`),
    remove: (id) => client.request<void>(channelPath(id), { method: 'DELETE' }),
  };
}

export const channelsApi: ChannelsApi = createChannelsApi(http);
