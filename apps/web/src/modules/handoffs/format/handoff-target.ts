import type { TFunction } from 'i18next';
import type { HandoffDto } from '@touchpoint/shared';

/**
 * Whom a handoff asks: the person if it names one, else the team. (A team handoff names a
 * person too once someone accepted it: then it reads "Sales (Sven Sales)".)
 */
export function handoffTarget(handoff: HandoffDto, t: TFunction): string {
  if (handoff.team && handoff.assignee) {
    return t('handoffs.targetTeamPerson', {
      team: handoff.team.name,
      person: handoff.assignee.name,
    });
  }
  return handoff.team?.name ?? handoff.assignee?.name ?? t('inbox.event.someone');
}
