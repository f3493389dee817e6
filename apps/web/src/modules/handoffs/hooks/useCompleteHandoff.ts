import { handoffsApi } from '../../../api/handoffs.api';
import { useHandoffMutation } from './useHandoffMutation';

/** Finishes an accepted consult with the answer's summary for the owner. */
export function useCompleteHandoff() {
  return useHandoffMutation<{ summary: string }>(({ handoff, summary }) =>
    handoffsApi.complete(handoff.id, summary),
  );
}
