import { handoffsApi } from '../../../api/handoffs.api';
import { useHandoffMutation } from './useHandoffMutation';

/** Withdraws an open handoff (its requester, or a supervisor). */
export function useCancelHandoff() {
  return useHandoffMutation<object>(({ handoff }) => handoffsApi.cancel(handoff.id));
}
