import type { SessionEndReason } from '@touchpoint/shared';

/**
 * Why the server ended this tab's session, kept until the next sign-in so the login page can say
 * so ("your password was changed"). In memory: it only has to outlive the redirect.
 */
export interface SessionNoticeStore {
  get(): SessionEndReason | null;
  set(reason: SessionEndReason): void;
  clear(): void;
  subscribe(listener: () => void): () => void;
}

export function createSessionNoticeStore(): SessionNoticeStore {
  let current: SessionEndReason | null = null;
  const listeners = new Set<() => void>();
  const change = (next: SessionEndReason | null) => {
    if (next === current) return;
    current = next;
    listeners.forEach((listener) => listener());
  };
  return {
    get: () => current,
    set: (reason) => change(reason),
    clear: () => change(null),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const sessionNoticeStore: SessionNoticeStore = createSessionNoticeStore();
