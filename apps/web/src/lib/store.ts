import { useCallback, useSyncExternalStore } from 'react';

/** A tiny store for UI-only state (selection, drafts, filters): a value and its subscribers. */
export interface Store<T> {
  get(): T;
  set(next: T | ((previous: T) => T)): void;
  subscribe(listener: () => void): () => void;
  /** Back to the initial value (sign-out, tests). */
  reset(): void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  return {
    get: () => value,
    set(next) {
      const resolved = typeof next === 'function' ? (next as (previous: T) => T)(value) : next;
      if (Object.is(resolved, value)) return;
      value = resolved;
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    reset() {
      if (Object.is(value, initial)) return;
      value = initial;
      notify();
    },
  };
}

/**
 * Reads a part of a store and re-renders when that part changes. The selector must return
 * values that stay the same object while unchanged (store values are replaced, never mutated).
 */
export function useStore<T, S>(store: Store<T>, select: (value: T) => S): S {
  const getSnapshot = useCallback(() => select(store.get()), [store, select]);
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}
