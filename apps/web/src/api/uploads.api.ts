import type { ApiErrorBody, ComposerUploadDto } from '@touchpoint/shared';
import { sessionStore } from '../modules/auth/states/session.store';
import { ApiError, http, NETWORK_ERROR_CODE } from './http';

export interface UploadRequest {
  conversationId: string;
  file: File;
  /** Share of the bytes sent so far, 0 to 1. */
  onProgress?: (share: number) => void;
  signal?: AbortSignal;
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  let body: Partial<ApiErrorBody> | null = null;
  try {
    body = JSON.parse(xhr.responseText) as Partial<ApiErrorBody>;
  } catch {
    body = null;
  }
  if (xhr.status === 0 || (!body?.message && xhr.status >= 500))
    return new ApiError({
      status: xhr.status,
      message: 'The server cannot be reached',
      code: NETWORK_ERROR_CODE,
    });
  return new ApiError({
    status: xhr.status,
    message: body?.message ?? `Request failed with status ${xhr.status}`,
    code: body?.code,
    details: Array.isArray(body?.details) ? body.details : [],
  });
}

/** One attempt; XMLHttpRequest because fetch reports no upload progress. */
function post(request: UploadRequest, accessToken: string | undefined): Promise<XMLHttpRequest> {
  const { conversationId, file, onProgress, signal } = request;
  const query = new URLSearchParams({ filename: file.name });
  if (file.type) query.set('contentType', file.type);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/conversations/${encodeURIComponent(conversationId)}/uploads?${query}`);
    // The bytes as they are: the name and type travel in the query.
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    if (accessToken) xhr.setRequestHeader('Authorization', `Bearer ${accessToken}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => resolve(xhr);
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** Uploads one file for a reply; answers the upload to list in the reply's `attachmentIds`. */
export async function uploadFile(request: UploadRequest): Promise<ComposerUploadDto> {
  const session = sessionStore.get();
  let xhr = await post(request, session?.accessToken);
  if (xhr.status === 401 && session) {
    const renewed = await http.refreshSession(session.accessToken);
    if (renewed) xhr = await post(request, renewed.accessToken);
  }
  if (xhr.status >= 200 && xhr.status < 300) {
    request.onProgress?.(1);
    return JSON.parse(xhr.responseText) as ComposerUploadDto;
  }
  throw errorOf(xhr);
}

/** Takes an uploaded file off the reply before it is sent. */
export function removeUpload(uploadId: string): Promise<void> {
  return http.request<void>(`/api/uploads/${encodeURIComponent(uploadId)}`, { method: 'DELETE' });
}
