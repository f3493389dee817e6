import { createStore } from '../../../lib/store';

/** The conversations ticked in the list for a bulk action (ids, in the order ticked). */
export const bulkSelectionStore = createStore<readonly string[]>([]);

export function toggleBulkSelection(conversationId: string, selected: boolean): void {
  bulkSelectionStore.set((current) =>
    selected
      ? current.includes(conversationId)
        ? current
        : [...current, conversationId]
      : current.filter((id) => id !== conversationId),
  );
}

export function clearBulkSelection(): void {
  bulkSelectionStore.reset();
}
