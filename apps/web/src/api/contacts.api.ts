import type { ContactDto } from '@touchpoint/shared';
import { http, type HttpClient } from './http';

export interface ContactsApi {
  get(id: string, signal?: AbortSignal): Promise<ContactDto>;
}

export function createContactsApi(client: HttpClient): ContactsApi {
  return {
    get: (id, signal) =>
      client.get<ContactDto>(`/api/contacts/${encodeURIComponent(id)}`, { signal }),
  };
}

export const contactsApi: ContactsApi = createContactsApi(http);
