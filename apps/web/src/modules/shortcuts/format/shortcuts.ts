/** What a shortcut does; the help overlay lists them in this order. */
export type ShortcutAction =
  | 'next'
  | 'previous'
  | 'reply'
  | 'note'
  | 'pullIn'
  | 'resolve'
  | 'search'
  | 'help'
  | 'palette'
  | 'close';

export interface Shortcut {
  action: ShortcutAction;
  /** The keys as the help overlay shows them. */
  keys: readonly string[];
}

/** Every shortcut, as the help overlay lists it. */
export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'next', keys: ['j'] },
  { action: 'previous', keys: ['k'] },
  { action: 'reply', keys: ['r'] },
  { action: 'note', keys: ['n'] },
  { action: 'pullIn', keys: ['p'] },
  { action: 'resolve', keys: ['e'] },
  { action: 'search', keys: ['/'] },
  { action: 'help', keys: ['?'] },
  { action: 'palette', keys: ['Ctrl', 'K'] },
  { action: 'close', keys: ['Esc'] },
];

const SINGLE_KEYS: Readonly<Record<string, ShortcutAction>> = {
  j: 'next',
  k: 'previous',
  r: 'reply',
  n: 'note',
  p: 'pullIn',
  e: 'resolve',
  '/': 'search',
  '?': 'help',
};

/** Where typing goes: text fields, selects, anything editable. Shortcuts keep out of those. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(
    target.type,
  );
}

type KeyEventLike = Pick<
  KeyboardEvent,
  'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target' | 'isComposing' | 'defaultPrevented'
>;

/**
 * The shortcut a key press means, or null. Ctrl/Cmd+K works everywhere; the single keys only while
 * no text field has focus (there `/` inserts a canned response and letters are letters) and without
 * Ctrl, Cmd or Alt (the browser's own shortcuts stay the browser's). Escape is the dialogs' own.
 */
export function shortcutOf(event: KeyEventLike): ShortcutAction | null {
  if (event.isComposing || event.defaultPrevented) return null;
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
    return 'palette';
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event.target)) return null;
  return SINGLE_KEYS[event.key] ?? null;
}
