import { createStore } from '../../../lib/store';

/**
 * From this width the contact panel has a column of its own beside the thread (next to the app's
 * rail, the views and the list, the thread keeps about 560 px, so its actions sit in one row and
 * Send and Claim stay in sight); below it, the panel overlays the list instead.
 */
export const CONTACT_BESIDE_QUERY = '(min-width: 1536px)';

export function contactPanelFitsBeside(): boolean {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return true;
  return window.matchMedia(CONTACT_BESIDE_QUERY).matches;
}

/**
 * Whether the contact panel beside the thread is shown; kept while switching conversations.
 * Open by default where it has a column of its own, closed where it would overlay.
 */
export const contactPanelStore = createStore<boolean>(contactPanelFitsBeside());
