import { useSyncExternalStore } from 'react';

const TICK_MS = 30_000;

let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((notify) => notify());
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Between subscribers no timer runs: the first reader after a pause refreshes the time. */
const getNow = () => {
  if (!timer && Date.now() - now > 1000) now = Date.now();
  return now;
};

/** The current time, updated every 30 seconds by one shared timer (for "5 min" ages). */
export function useNow(): number {
  return useSyncExternalStore(subscribe, getNow, getNow);
}
