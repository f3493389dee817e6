import type { TFunction } from 'i18next';
import type { GoalDto, GoalKind, GoalTeamRefDto } from '@touchpoint/shared';

/** Kinds whose value and target are shares (0.9 is 90 %); the mean rating is 1–5. */
export const isShareKind = (kind: GoalKind) => kind !== 'csat_average';

/** Kinds with a number of business minutes. */
export const hasMinutes = (kind: GoalKind) =>
  kind === 'consult_accept_within' || kind === 'first_response_within';

/** A value or target as people read it: 87 % for a share, 4.3 for a rating. */
export function formatGoalValue(kind: GoalKind, value: number | null, t: TFunction): string {
  if (value === null) return '–';
  return isShareKind(kind)
    ? t('goals.percent', { value: Math.round(value * 1000) / 10 })
    : t('goals.rating', { value });
}

/** The target with its direction: "≥ 90 %". */
export function formatGoalTarget(
  goal: Pick<GoalDto, 'kind' | 'target' | 'direction'>,
  t: TFunction,
) {
  return t(`goals.direction.${goal.direction}`, {
    target: formatGoalValue(goal.kind, goal.target, t),
  });
}

/** Whether the goal holds, misses, or had nothing to count, in words (not colour alone). */
export type GoalState = 'holds' | 'misses' | 'noData';
export const goalState = (holds: boolean | null): GoalState =>
  holds === null ? 'noData' : holds ? 'holds' : 'misses';

/** A team's name: from the directory, else from the goal's own figures, else "a removed team". */
export type TeamNames = (id: string) => string | undefined;

function teamName(id: string | null, names: TeamNames, goal: GoalDto, t: TFunction) {
  if (id === null) return null;
  const fromBreakdown = goal.breakdown
    .flatMap((row) => [row.fromTeam, row.toTeam])
    .find((ref) => ref?.id === id)?.name;
  return names(id) ?? fromBreakdown ?? t('goals.removedTeam');
}

/**
 * What the goal measures in a sentence: "Sales accepts Service's consults within 30 min of
 * business time". Teams left open read as any team.
 */
export function goalDefinition(goal: GoalDto, names: TeamNames, t: TFunction): string {
  const params = goal.params as {
    teamId?: string | null;
    fromTeamId?: string | null;
    toTeamId?: string | null;
    minutes?: number;
  };
  const team = (id: string | null | undefined) => teamName(id ?? null, names, goal, t);
  switch (goal.kind) {
    case 'consult_accept_within': {
      const from = team(params.fromTeamId);
      const to = team(params.toTeamId);
      const minutes = params.minutes ?? 0;
      if (from && to) return t('goals.definition.consultBoth', { from, to, minutes });
      if (to) return t('goals.definition.consultTo', { to, minutes });
      if (from) return t('goals.definition.consultFrom', { from, minutes });
      return t('goals.definition.consultAny', { minutes });
    }
    case 'first_response_within': {
      const name = team(params.teamId);
      const minutes = params.minutes ?? 0;
      return name
        ? t('goals.definition.firstResponseTeam', { team: name, minutes })
        : t('goals.definition.firstResponseAll', { minutes });
    }
    case 'one_touch_rate': {
      const name = team(params.teamId);
      return name
        ? t('goals.definition.oneTouchTeam', { team: name })
        : t('goals.definition.oneTouchAll');
    }
    case 'csat_average': {
      const name = team(params.teamId);
      return name ? t('goals.definition.csatTeam', { team: name }) : t('goals.definition.csatAll');
    }
  }
}

/** A breakdown row's teams: "Service → Sales" for a pair, the team's name otherwise. */
export function breakdownLabel(
  row: { fromTeam: GoalTeamRefDto | null; toTeam: GoalTeamRefDto | null },
  kind: GoalKind,
  t: TFunction,
): string {
  const name = (ref: GoalTeamRefDto | null) => ref?.name ?? t('goals.noTeam');
  return kind === 'consult_accept_within'
    ? t('goals.pair', { from: name(row.fromTeam), to: name(row.toTeam) })
    : name(row.fromTeam);
}
