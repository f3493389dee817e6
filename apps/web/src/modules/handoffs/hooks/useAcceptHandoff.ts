import { handoffsApi } from '../../../api/handoffs.api';
import { useHandoffMutation } from './useHandoffMutation';

/** Takes a requested handoff; a transfer moves the conversation to the accepter at once. */
export function useAcceptHandoff() {
  return useHandoffMutation<object>(({ handoff }) => handoffsApi.accept(handoff.id));
}
