import { createStore } from '../../../lib/store';

/** Which keyboard overlay is open: the shortcut help (`?`), the command palette (Ctrl/Cmd+K), or none. */
export type ShortcutOverlay = 'help' | 'palette' | null;

export const shortcutOverlayStore = createStore<ShortcutOverlay>(null);
