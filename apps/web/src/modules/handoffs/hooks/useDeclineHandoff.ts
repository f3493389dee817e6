import { handoffsApi } from '../../../api/handoffs.api';
import { useHandoffMutation } from './useHandoffMutation';

/** Turns a requested handoff down, saying why. */
export function useDeclineHandoff() {
  return useHandoffMutation<{ reason: string }>(({ handoff, reason }) =>
    handoffsApi.decline(handoff.id, reason),
  );
}
