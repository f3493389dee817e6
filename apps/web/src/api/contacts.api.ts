import type { ContactDto, UpdateContactRequest } from '@touchpoint/shared';
import { http, type HttpClient } from './http';

export interface ContactsApi {
  get(id: string, signal?: AbortSignal): Promise<ContactDto>;
  /** Changes how the contact prefers to be reached; answers the contact as `get` does. */
  update(id: string, body: UpdateContactRequest): Promise<ContactDto>;
}

const path = (id: string) => `/api/contacts/${encodeURIComponent(id)}`;

export function createContactsApi(client: HttpClient): ContactsApi {
  return {
    get: (id, signal) => client.get<ContactDto>(path(id), { signal }),
    update: (id, body) => client.request<ContactDto>(path(id), { method: 'PATCH', body }),
  };
}

export const contactsApi: ContactsApi = createContactsApi(http);
