import type { TFunction } from 'i18next';
import {
  updateTeamSchema,
  type MarketingHoldPolicy,
  type TeamDto,
  type UpdateTeamRequest,
} from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import {
  DURATION_FIELDS,
  draftSeconds,
  durationDraft,
  formatSeconds,
  isDurationField,
  type DurationDraft,
} from './team-durations';

/** The form as the admin edits it: durations in human units, numbers as typed. */
export interface TeamDraft {
  name: string;
  description: string;
  consultAcceptSeconds: DurationDraft;
  consultAnswerSeconds: DurationDraft;
  participantGraceSeconds: DurationDraft;
  specialistsMayReply: boolean;
  /** '' for none. */
  fallbackTeamId: string;
  autoAssign: boolean;
  maxOpenPerAgent: string;
  receivesLeads: boolean;
  holdsMarketing: MarketingHoldPolicy;
}

/** A field of the form; named as in the API, so server errors find their field. */
export type TeamField = keyof TeamDraft;

/** The fields in the order the form shows them (the first invalid one gets the focus). */
export const TEAM_FIELDS: readonly TeamField[] = [
  'name',
  'description',
  'consultAcceptSeconds',
  'consultAnswerSeconds',
  'participantGraceSeconds',
  'specialistsMayReply',
  'fallbackTeamId',
  'autoAssign',
  'maxOpenPerAgent',
  'receivesLeads',
  'holdsMarketing',
];

export type FieldErrors = Partial<Record<TeamField, string>>;

export function isTeamField(value: unknown): value is TeamField {
  return typeof value === 'string' && (TEAM_FIELDS as readonly string[]).includes(value);
}

/** The team as the form starts: what the server has. */
export function teamDraft(team: TeamDto): TeamDraft {
  return {
    name: team.name,
    description: team.description,
    consultAcceptSeconds: durationDraft('consultAcceptSeconds', team.consultAcceptSeconds),
    consultAnswerSeconds: durationDraft('consultAnswerSeconds', team.consultAnswerSeconds),
    participantGraceSeconds: durationDraft('participantGraceSeconds', team.participantGraceSeconds),
    specialistsMayReply: team.specialistsMayReply,
    fallbackTeamId: team.fallbackTeamId ?? '',
    autoAssign: team.autoAssign,
    maxOpenPerAgent: String(team.maxOpenPerAgent),
    receivesLeads: team.receivesLeads,
    holdsMarketing: team.holdsMarketing,
  };
}

/** '' and anything that is not a number become NaN, which the schema rejects with its message. */
function parseNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/**
 * The `PATCH /api/teams/:id` body: only what differs from the saved team. Capacity is left out
 * while automatic assignment is off (the field is disabled then).
 */
export function teamChanges(draft: TeamDraft, team: TeamDto): UpdateTeamRequest {
  const changes: UpdateTeamRequest = {};
  const name = draft.name.trim();
  if (name !== team.name) changes.name = name;
  const description = draft.description.trim();
  if (description !== team.description) changes.description = description;
  for (const field of DURATION_FIELDS) {
    const seconds = draftSeconds(draft[field]);
    if (!Object.is(seconds, team[field])) changes[field] = seconds;
  }
  if (draft.specialistsMayReply !== team.specialistsMayReply)
    changes.specialistsMayReply = draft.specialistsMayReply;
  const fallbackTeamId = draft.fallbackTeamId || null;
  if (fallbackTeamId !== team.fallbackTeamId) changes.fallbackTeamId = fallbackTeamId;
  if (draft.autoAssign !== team.autoAssign) changes.autoAssign = draft.autoAssign;
  if (draft.autoAssign) {
    const capacity = parseNumber(draft.maxOpenPerAgent);
    if (!Object.is(capacity, team.maxOpenPerAgent)) changes.maxOpenPerAgent = capacity;
  }
  if (draft.receivesLeads !== team.receivesLeads) changes.receivesLeads = draft.receivesLeads;
  if (draft.holdsMarketing !== team.holdsMarketing) changes.holdsMarketing = draft.holdsMarketing;
  return changes;
}

export function hasChanges(changes: UpdateTeamRequest): boolean {
  return Object.keys(changes).length > 0;
}

type Issue = NonNullable<ReturnType<typeof updateTeamSchema.safeParse>['error']>['issues'][number];

/**
 * The shared schema's message for an issue, in the user's language. The English texts are the
 * schema's own words (so the form says what the server would say); durations add the limit in
 * human units. Anything unforeseen shows the schema's message as it is.
 */
export function issueMessage(field: TeamField, issue: Issue, t: TFunction): string {
  const seconds = isDurationField(field);
  const text = field === 'name' || field === 'description';
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (text) return t('settings.validation.required');
      return seconds
        ? t('settings.validation.secondsMin', { min, duration: formatSeconds(min, t) })
        : t('settings.validation.min', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (text) return t('settings.validation.tooLong', { max });
      return seconds
        ? t('settings.validation.secondsMax', { max, duration: formatSeconds(max, t) })
        : t('settings.validation.max', { max });
    }
    case 'invalid_type':
      if (issue.expected === 'int')
        return seconds ? t('settings.validation.secondsWhole') : t('settings.validation.whole');
      if (issue.expected === 'number')
        return seconds ? t('settings.validation.secondsNumber') : t('settings.validation.number');
      return issue.message;
    default:
      return issue.message;
  }
}

/** Client-side check with the contract's schema (`updateTeamSchema`): one message per field. */
export function validateChanges(changes: UpdateTeamRequest, t: TFunction): FieldErrors {
  if (!hasChanges(changes)) return {};
  const parsed = updateTeamSchema.safeParse(changes);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (isTeamField(field)) errors[field] ??= issueMessage(field, issue, t);
  }
  return errors;
}

export interface ServerErrors {
  /** Messages the server gave for one field, shown at that field. */
  fields: FieldErrors;
  /** Messages for no known field, shown above the buttons. */
  other: string[];
}

/** A 400's `details[]` (`path` + `message`) by field; `fallbackTeamId: …` messages as well. */
export function serverErrors(error: ApiError): ServerErrors {
  const fields: FieldErrors = {};
  const other: string[] = [];
  if (error.status === 409 && error.code === 'teams.name_taken') {
    fields.name = error.message;
    return { fields, other };
  }
  if (error.status !== 400) return { fields, other };
  for (const detail of error.details) {
    const field = detail.path.split('.')[0];
    if (isTeamField(field)) fields[field] ??= detail.message;
    else other.push(detail.path ? `${detail.path} ${detail.message}` : detail.message);
  }
  if (error.details.length === 0) {
    // Rules the schema cannot know (an unknown fallback team) come as "field: message".
    const [, field, message] = /^(\w+): (.+)$/.exec(error.message) ?? [];
    if (isTeamField(field) && message) fields[field] = message;
  }
  return { fields, other };
}
