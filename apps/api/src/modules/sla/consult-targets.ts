import type { SlaPolicyEntry } from '@touchpoint/shared';
import { matchingSlaPolicies, type SlaSubject } from './sla-policy';

/** How soon a consult or transfer to a team must be accepted, and a consult answered (business seconds). */
export interface ConsultTargets {
  acceptSeconds: number;
  answerSeconds: number;
}

export type ConsultTargetPolicy = Pick<
  SlaPolicyEntry,
  'channelKind' | 'priority' | 'consultAcceptSeconds' | 'consultAnswerSeconds'
>;

/**
 * The consult targets of a team for a conversation. Each target on its own: the most specific
 * of the team's policies matching the conversation's channel kind and priority that sets it
 * (channel and priority, priority, channel, the team's default policy), else the team's own
 * columns (`teamDefaults`). Unlike the customer's targets, a consult always has a deadline, so a
 * policy without a consult target inherits one instead of meaning "none".
 */
export function consultTargetsFor(
  policies: readonly ConsultTargetPolicy[],
  subject: SlaSubject,
  teamDefaults: ConsultTargets,
): ConsultTargets {
  const matches = matchingSlaPolicies(policies, subject);
  return {
    acceptSeconds:
      matches.find((p) => p.consultAcceptSeconds !== null)?.consultAcceptSeconds ??
      teamDefaults.acceptSeconds,
    answerSeconds:
      matches.find((p) => p.consultAnswerSeconds !== null)?.consultAnswerSeconds ??
      teamDefaults.answerSeconds,
  };
}
