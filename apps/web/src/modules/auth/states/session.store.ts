import { z } from 'zod';
import type { AuthTokensDto } from '@touchpoint/shared';

/** localStorage key of the signed-in session (both tokens and when the access token expires). */
export const SESSION_STORAGE_KEY = 'touchpoint.session';

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds at which the access token expires. */
  expiresAt: number;
}

export interface SessionStore {
  get(): Session | null;
  set(session: Session): void;
  clear(): void;
  /** Reads the stored session again (another tab may have rotated the tokens). */
  reload(): Session | null;
  subscribe(listener: () => void): () => void;
}

const storedSessionSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.number(),
});

export function sessionFromTokens(tokens: AuthTokensDto, now: number = Date.now()): Session {
  return {
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: now + tokens.expiresIn * 1000,
  };
}

function browserStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // storage disabled (privacy mode): the session lives in memory only
  }
}

function read(storage: Storage | null): Session | null {
  const raw = storage?.getItem(SESSION_STORAGE_KEY);
  if (!raw) return null;
  try {
    const parsed = storedSessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The signed-in session: kept in memory for React (`useSyncExternalStore` needs a stable
 * snapshot), mirrored to localStorage, and kept in step with other tabs through `storage` events.
 */
export function createSessionStore(storage: Storage | null = browserStorage()): SessionStore {
  let current = read(storage);
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());

  const sameAs = (next: Session | null) =>
    next?.accessToken === current?.accessToken && next?.refreshToken === current?.refreshToken;

  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (event) => {
      if (event.key !== SESSION_STORAGE_KEY && event.key !== null) return;
      const next = read(storage);
      if (sameAs(next)) return;
      current = next;
      notify();
    });
  }

  return {
    get: () => current,
    set(session) {
      current = session;
      storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
      notify();
    },
    clear() {
      storage?.removeItem(SESSION_STORAGE_KEY);
      if (current === null) return;
      current = null;
      notify();
    },
    reload() {
      const next = read(storage);
      if (!sameAs(next)) {
        current = next;
        notify();
      }
      return current;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The session of this browser tab. */
export const sessionStore: SessionStore = createSessionStore();
