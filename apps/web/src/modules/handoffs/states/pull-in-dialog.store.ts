import { createStore } from '../../../lib/store';

/**
 * The conversation whose pull-in dialog is open, or null: opened by its button or by the `p`
 * shortcut and the command palette.
 */
export const pullInDialogStore = createStore<string | null>(null);
