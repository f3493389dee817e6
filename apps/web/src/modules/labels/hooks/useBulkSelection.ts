import { useStore } from '../../../lib/store';
import { bulkSelectionStore } from '../states/bulk-selection.store';

const identity = (ids: readonly string[]) => ids;

/** The conversations ticked for a bulk action. */
export function useBulkSelection(): readonly string[] {
  return useStore(bulkSelectionStore, identity);
}
