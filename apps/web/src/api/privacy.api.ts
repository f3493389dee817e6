import type { AuditLogPageDto, ContactErasureDto } from '@touchpoint/shared';
import { http, type HttpClient } from './http';

/** Data protection: a contact's data exported or erased, and the audit log of both. */
export interface PrivacyApi {
  /** The zip of everything stored about the contact (supervisors and admins). */
  exportContact(contactId: string): Promise<Blob>;
  /** Erases the contact's personal data for good (admins); `confirm` repeats the contact's id. */
  eraseContact(contactId: string): Promise<ContactErasureDto>;
  auditLog(cursor: string | undefined, signal?: AbortSignal): Promise<AuditLogPageDto>;
}

const contactPath = (id: string) => `/api/contacts/${encodeURIComponent(id)}`;

export function createPrivacyApi(client: HttpClient): PrivacyApi {
  return {
    exportContact: (contactId) =>
      client.get<Blob>(`${contactPath(contactId)}/export`, { responseType: 'blob' }),
    eraseContact: (contactId) =>
      client.post<ContactErasureDto>(`${contactPath(contactId)}/erase`, { confirm: contactId }),
    auditLog: (cursor, signal) =>
      client.get<AuditLogPageDto>('/api/audit-log', { signal, query: { cursor } }),
  };
}

export const privacyApi: PrivacyApi = createPrivacyApi(http);
