import { useSyncExternalStore } from 'react';
import { CONTACT_BESIDE_QUERY, contactPanelFitsBeside } from '../states/inbox-layout.store';

const stayPut = () => undefined;

function subscribe(onChange: () => void): () => void {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return stayPut;
  const query = window.matchMedia(CONTACT_BESIDE_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the window is wide enough for the contact panel to sit beside the thread; follows resizing. */
export function useContactPanelBeside(): boolean {
  return useSyncExternalStore(subscribe, contactPanelFitsBeside, contactPanelFitsBeside);
}
