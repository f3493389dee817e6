import { useEffect, useRef } from 'react';
import { shortcutOf, type ShortcutAction } from '../format/shortcuts';

/** Whether a modal dialog is open: its keys (typing, Tab, Escape) are its own then. */
function dialogOpen(): boolean {
  return document.querySelector('[aria-modal="true"]') !== null;
}

/**
 * Hands each shortcut pressed anywhere in the app to `onShortcut`, with whether a dialog is open.
 * Keys reach the whole document, outside React's tree too: a document listener is the only way.
 */
export function KeyboardShortcutsEffect({
  onShortcut,
}: {
  onShortcut: (action: ShortcutAction, inDialog: boolean) => boolean;
}) {
  const latest = useRef(onShortcut);
  latest.current = onShortcut;
  useEffect(() => {
    const handle = (event: KeyboardEvent) => {
      const action = shortcutOf(event);
      if (action && latest.current(action, dialogOpen())) event.preventDefault();
    };
    document.addEventListener('keydown', handle);
    return () => document.removeEventListener('keydown', handle);
  }, []);
  return null;
}
