import type { TFunction } from 'i18next';
import type { TeamDto } from '@touchpoint/shared';
import { formatSeconds } from './team-durations';

/** "Accept within 15 min · answer within 2 h · automatic, up to 10 each": a team's policy at a glance. */
export function teamPolicySummary(team: TeamDto, t: TFunction): string {
  return [
    t('settings.teams.summary.accept', { duration: formatSeconds(team.consultAcceptSeconds, t) }),
    t('settings.teams.summary.answer', { duration: formatSeconds(team.consultAnswerSeconds, t) }),
    team.autoAssign
      ? t('settings.teams.summary.autoAssign', { max: team.maxOpenPerAgent })
      : t('settings.teams.summary.manual'),
  ].join(' · ');
}
