import { createStore } from '../../../lib/store';

/** Below this width the contact panel overlays the thread instead of sitting beside it. */
export const WIDE_INBOX_QUERY = '(min-width: 1600px)';

function wideScreen(): boolean {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return true;
  return window.matchMedia(WIDE_INBOX_QUERY).matches;
}

/**
 * Whether the contact panel beside the thread is shown; kept while switching conversations.
 * Open by default where there is room for it, closed where it would cover the thread.
 */
export const contactPanelStore = createStore<boolean>(wideScreen());
