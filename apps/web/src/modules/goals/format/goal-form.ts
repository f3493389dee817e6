import type { TFunction } from 'i18next';
import {
  GOAL_MINUTES_MAX,
  type CreateGoalRequest,
  type GoalDto,
  type GoalKind,
} from '@touchpoint/shared';
import { ApiError } from '../../../api/http';
import { hasMinutes, isShareKind } from './goal-text';

/** The goal as the form edits it: numbers as typed, shares in percent, '' for any team. */
export interface GoalDraft {
  name: string;
  kind: GoalKind;
  /** Consult goals: the team asking. */
  fromTeamId: string;
  /** Consult goals: the team asked. */
  toTeamId: string;
  /** Other kinds: the team measured. */
  teamId: string;
  minutes: string;
  /** Percent for shares (90), a rating for the satisfaction goal (4.5). */
  target: string;
}

/** A field of the form; server errors (`params.minutes`) find theirs by the last part of the path. */
export type GoalField =
  'name' | 'kind' | 'fromTeamId' | 'toTeamId' | 'teamId' | 'minutes' | 'target';
const FIELDS: readonly GoalField[] = [
  'name',
  'kind',
  'fromTeamId',
  'toTeamId',
  'teamId',
  'minutes',
  'target',
];
export type GoalFieldErrors = Partial<Record<GoalField, string>>;

const DEFAULT_TARGETS: Record<GoalKind, string> = {
  consult_accept_within: '90',
  one_touch_rate: '70',
  first_response_within: '90',
  csat_average: '4.5',
};

export function emptyGoalDraft(kind: GoalKind = 'consult_accept_within'): GoalDraft {
  return {
    name: '',
    kind,
    fromTeamId: '',
    toTeamId: '',
    teamId: '',
    minutes: '30',
    target: DEFAULT_TARGETS[kind],
  };
}

/** A new kind keeps name and teams and takes the kind's usual target. */
export function withKind(draft: GoalDraft, kind: GoalKind): GoalDraft {
  return { ...draft, kind, target: DEFAULT_TARGETS[kind] };
}

export function goalDraft(goal: GoalDto): GoalDraft {
  const params = goal.params as Record<string, string | number | null | undefined>;
  const id = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    name: goal.name,
    kind: goal.kind,
    fromTeamId: id(params['fromTeamId']),
    toTeamId: id(params['toTeamId']),
    teamId: id(params['teamId']),
    minutes: typeof params['minutes'] === 'number' ? String(params['minutes']) : '30',
    target: isShareKind(goal.kind)
      ? String(Math.round(goal.target * 1000) / 10)
      : String(goal.target),
  };
}

/** A number as typed, with a comma accepted as the decimal sign. */
const number = (text: string) => (text.trim() === '' ? NaN : Number(text.trim().replace(',', '.')));

/**
 * The request the draft makes, or the fields a person has to fix first (in their words; the rest
 * the server checks and names).
 */
export function goalRequest(
  draft: GoalDraft,
  t: TFunction,
): { body: CreateGoalRequest; errors?: undefined } | { body?: undefined; errors: GoalFieldErrors } {
  const errors: GoalFieldErrors = {};
  if (!draft.name.trim()) errors.name = t('goals.form.required');
  const minutes = number(draft.minutes);
  if (
    hasMinutes(draft.kind) &&
    (!Number.isInteger(minutes) || minutes < 1 || minutes > GOAL_MINUTES_MAX)
  )
    errors.minutes = t('goals.form.minutesInvalid', { max: GOAL_MINUTES_MAX });
  const typed = number(draft.target);
  const share = isShareKind(draft.kind);
  if (share ? !(typed > 0 && typed <= 100) : !(typed >= 1 && typed <= 5))
    errors.target = t(share ? 'goals.form.percentInvalid' : 'goals.form.ratingInvalid');
  if (Object.keys(errors).length > 0) return { errors };

  const team = (id: string) => id || null;
  const name = draft.name.trim();
  const target = share ? Math.round(typed * 10) / 1000 : typed;
  switch (draft.kind) {
    case 'consult_accept_within':
      return {
        body: {
          name,
          kind: draft.kind,
          params: {
            fromTeamId: team(draft.fromTeamId),
            toTeamId: team(draft.toTeamId),
            minutes,
          },
          target,
        },
      };
    case 'first_response_within':
      return {
        body: { name, kind: draft.kind, params: { teamId: team(draft.teamId), minutes }, target },
      };
    case 'one_touch_rate':
    case 'csat_average':
      return { body: { name, kind: draft.kind, params: { teamId: team(draft.teamId) }, target } };
  }
}

/** The server's 400 details by field (`params.minutes` → minutes), and whatever names no field. */
export function serverGoalErrors(error: unknown): {
  fields: GoalFieldErrors;
  other: boolean;
} {
  const fields: GoalFieldErrors = {};
  if (!(error instanceof ApiError)) return { fields, other: error != null };
  for (const detail of error.details) {
    const field = detail.path.split('.').at(-1) as GoalField;
    if (FIELDS.includes(field)) fields[field] ??= detail.message;
  }
  return { fields, other: Object.keys(fields).length === 0 };
}
