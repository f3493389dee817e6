import { createStore } from '../../../lib/store';

/** One file on a reply being written: uploading, uploaded (with its id), or refused. */
export interface ComposerFile {
  /** Local key, stable for the chip while the upload runs. */
  key: string;
  name: string;
  size: number;
  contentType: string;
  /** Share uploaded, 0 to 1. */
  progress: number;
  status: 'uploading' | 'ready' | 'failed';
  /** The server's upload id once stored. */
  uploadId: string | null;
  /** Why it was refused, in words for the agent. */
  error: string | null;
}

/** Files by conversation id, kept like the draft while the agent switches conversations. */
export const composerUploadsStore = createStore<Readonly<Record<string, readonly ComposerFile[]>>>(
  {},
);

export function filesOf(conversationId: string): readonly ComposerFile[] {
  return composerUploadsStore.get()[conversationId] ?? [];
}

export function putFile(conversationId: string, file: ComposerFile): void {
  composerUploadsStore.set((all) => ({
    ...all,
    [conversationId]: [...(all[conversationId] ?? []), file],
  }));
}

export function patchFile(conversationId: string, key: string, patch: Partial<ComposerFile>): void {
  composerUploadsStore.set((all) => {
    const files = all[conversationId];
    if (!files?.some((f) => f.key === key)) return all;
    return {
      ...all,
      [conversationId]: files.map((f) => (f.key === key ? { ...f, ...patch } : f)),
    };
  });
}

export function dropFile(conversationId: string, key: string): void {
  composerUploadsStore.set((all) => ({
    ...all,
    [conversationId]: (all[conversationId] ?? []).filter((f) => f.key !== key),
  }));
}

/** The reply carrying these uploads was stored: their chips go. */
export function finishUploads(conversationId: string, uploadIds: readonly string[]): void {
  composerUploadsStore.set((all) => ({
    ...all,
    [conversationId]: (all[conversationId] ?? []).filter(
      (f) => !f.uploadId || !uploadIds.includes(f.uploadId),
    ),
  }));
}

/** The ids to send with the reply, in the order the files were added. */
export function readyUploadIds(conversationId: string): string[] {
  return filesOf(conversationId).flatMap((f) =>
    f.status === 'ready' && f.uploadId ? [f.uploadId] : [],
  );
}

/** A file is still uploading or was refused (and must be taken off): Send waits. */
export function uploadsHoldSend(conversationId: string): boolean {
  return filesOf(conversationId).some((f) => f.status !== 'ready');
}
