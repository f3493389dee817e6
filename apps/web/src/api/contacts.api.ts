import type {
  AddIdentityRequest,
  ContactChangeDto,
  ContactDto,
  ContactListDto,
  ContactMergeDto,
  ContactNoteDto,
  ContactNoteRequest,
  MergeContactsRequest,
  MergeSuggestionDto,
  RecordConsentRequest,
  UpdateContactRequest,
} from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** A contact list request as the API takes it (`GET /api/contacts`). */
export interface ContactListRequest {
  q?: string;
  cursor?: string;
  limit?: number;
}

/** One page of a contact's edit history, newest first. */
export interface ContactHistoryDto {
  changes: ContactChangeDto[];
  nextCursor: string | null;
}

export interface ContactsApi {
  /** Contacts the user may see; `q` matches name, email, phone, company and any identity. */
  list(request: ContactListRequest, signal?: AbortSignal): Promise<ContactListDto>;
  get(id: string, signal?: AbortSignal): Promise<ContactDto>;
  /** Changes the profile (name, company, language, preference, quiet hours, attributes). */
  update(id: string, body: UpdateContactRequest): Promise<ContactDto>;
  /** Adds an address the customer gave; 409 with `related.contactId` when another contact has it. */
  addIdentity(id: string, body: AddIdentityRequest): Promise<ContactDto>;
  /** Removes an unverified address; 409 for a verified one. */
  removeIdentity(id: string, identityId: string): Promise<ContactDto>;
  recordConsent(id: string, body: RecordConsentRequest): Promise<ContactDto>;
  notes(id: string, signal?: AbortSignal): Promise<ContactNoteDto[]>;
  addNote(id: string, body: ContactNoteRequest): Promise<ContactNoteDto>;
  updateNote(id: string, noteId: string, body: ContactNoteRequest): Promise<ContactNoteDto>;
  deleteNote(id: string, noteId: string): Promise<void>;
  history(id: string, cursor: string | undefined, signal?: AbortSignal): Promise<ContactHistoryDto>;
  mergeSuggestions(id: string, signal?: AbortSignal): Promise<MergeSuggestionDto[]>;
  dismissSuggestion(suggestionId: string): Promise<void>;
  /** Merges `otherContactId` into the contact `id`, which is kept. */
  merge(id: string, body: MergeContactsRequest): Promise<ContactMergeDto>;
  undoMerge(mergeId: string): Promise<ContactMergeDto>;
}

const enc = encodeURIComponent;
const path = (id: string) => `/api/contacts/${enc(id)}`;

export function createContactsApi(client: HttpClient): ContactsApi {
  return {
    list: (request, signal) =>
      client.get<ContactListDto>('/api/contacts', {
        signal,
        query: { q: request.q || undefined, cursor: request.cursor, limit: request.limit },
      }),
    get: (id, signal) => client.get<ContactDto>(path(id), { signal }),
    update: (id, body) => client.request<ContactDto>(path(id), { method: 'PATCH', body }),
    addIdentity: (id, body) => client.post<ContactDto>(`${path(id)}/identities`, body),
    removeIdentity: (id, identityId) =>
      client.request<ContactDto>(`${path(id)}/identities/${enc(identityId)}`, {
        method: 'DELETE',
      }),
    recordConsent: (id, body) => client.post<ContactDto>(`${path(id)}/consents`, body),
    notes: (id, signal) => client.get<ContactNoteDto[]>(`${path(id)}/notes`, { signal }),
    addNote: (id, body) => client.post<ContactNoteDto>(`${path(id)}/notes`, body),
    updateNote: (id, noteId, body) =>
      client.request<ContactNoteDto>(`${path(id)}/notes/${enc(noteId)}`, {
        method: 'PATCH',
        body,
      }),
    deleteNote: (id, noteId) =>
      client.request<void>(`${path(id)}/notes/${enc(noteId)}`, { method: 'DELETE' }),
    history: (id, cursor, signal) =>
      client.get<ContactHistoryDto>(`${path(id)}/history`, { signal, query: { cursor } }),
    mergeSuggestions: (id, signal) =>
      client.get<MergeSuggestionDto[]>(`${path(id)}/merge-suggestions`, { signal }),
    dismissSuggestion: (suggestionId) =>
      client.post<void>(`/api/contacts/merge-suggestions/${enc(suggestionId)}/dismiss`),
    merge: (id, body) => client.post<ContactMergeDto>(`${path(id)}/merge`, body),
    undoMerge: (mergeId) =>
      client.post<ContactMergeDto>(`/api/contacts/merges/${enc(mergeId)}/undo`),
  };
}

export const contactsApi: ContactsApi = createContactsApi(http);
