import type { TFunction } from 'i18next';
import {
  CHANNEL_KINDS,
  CONSULT_ACCEPT_LIMITS,
  CONSULT_ANSWER_LIMITS,
  CONVERSATION_PRIORITIES,
  SLA_TARGET_MAX_SECONDS,
  SLA_TARGET_MIN_SECONDS,
  teamSlaPoliciesSchema,
  type ChannelKind,
  type ConversationPriority,
  type SlaPolicyDto,
  type SlaPolicyInput,
  type TeamSlaPoliciesRequest,
} from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import {
  draftSeconds,
  formatSeconds,
  UNIT_SECONDS,
  type DurationDraft,
  type DurationUnit,
} from './team-durations';

/** The customer's targets of a policy, in the order the form shows them. */
export const SLA_TARGETS = [
  'firstResponseSeconds',
  'nextResponseSeconds',
  'resolutionSeconds',
] as const;
/** The targets of consults and transfers to the team; empty: as the less specific policy, or the team. */
export const CONSULT_TARGETS = ['consultAcceptSeconds', 'consultAnswerSeconds'] as const;
/** Every target of a policy, in the order the form shows them. */
export const POLICY_TARGETS = [...SLA_TARGETS, ...CONSULT_TARGETS] as const;
export type SlaTarget = (typeof POLICY_TARGETS)[number];

/** Targets are edited in minutes or hours. */
export const SLA_UNITS: readonly DurationUnit[] = ['minutes', 'hours'];
export const SLA_LIMITS = { min: SLA_TARGET_MIN_SECONDS, max: SLA_TARGET_MAX_SECONDS };
/** The range of each target, as the shared schema checks it. */
export const TARGET_LIMITS: Record<SlaTarget, { min: number; max: number }> = {
  firstResponseSeconds: SLA_LIMITS,
  nextResponseSeconds: SLA_LIMITS,
  resolutionSeconds: SLA_LIMITS,
  consultAcceptSeconds: CONSULT_ACCEPT_LIMITS,
  consultAnswerSeconds: CONSULT_ANSWER_LIMITS,
};
/** The unit an empty target starts in: acceptance is a matter of minutes. */
const EMPTY_UNIT: Record<SlaTarget, DurationUnit> = {
  firstResponseSeconds: 'hours',
  nextResponseSeconds: 'hours',
  resolutionSeconds: 'hours',
  consultAcceptSeconds: 'minutes',
  consultAnswerSeconds: 'hours',
};

/** One row of the form; `key` identifies it while rows come and go. */
export interface SlaPolicyDraft extends Record<SlaTarget, DurationDraft> {
  key: string;
  /** '' for any. */
  channelKind: ChannelKind | '';
  priority: ConversationPriority | '';
}

/** Problems by row key (`<key>` for the row, `<key>.<field>` for a field). */
export type SlaPolicyErrors = Record<string, string>;

let lastKey = 0;
const nextKey = () => `policy-${(lastKey += 1)}`;

/** A target as typed: empty for none, else in the largest unit that divides it. */
export function slaDurationDraft(
  seconds: number | null,
  emptyUnit: DurationUnit = 'hours',
): DurationDraft {
  if (seconds === null) return { amount: '', unit: emptyUnit };
  const unit = seconds % UNIT_SECONDS.hours === 0 ? 'hours' : 'minutes';
  return { amount: String(Number((seconds / UNIT_SECONDS[unit]).toFixed(2))), unit };
}

/** An empty amount is no target; anything else as typed (NaN if not a number). */
export function slaDraftSeconds(draft: DurationDraft): number | null {
  return draft.amount.trim() === '' ? null : draftSeconds(draft);
}

export function isDefaultPolicy(draft: Pick<SlaPolicyDraft, 'channelKind' | 'priority'>): boolean {
  return draft.channelKind === '' && draft.priority === '';
}

export function emptySlaPolicy(
  channelKind: SlaPolicyDraft['channelKind'],
  priority: SlaPolicyDraft['priority'],
): SlaPolicyDraft {
  return {
    key: nextKey(),
    channelKind,
    priority,
    ...targetDrafts(() => null),
  };
}

/** Each target's draft, from its seconds (null for none). */
function targetDrafts(
  secondsOf: (target: SlaTarget) => number | null,
): Record<SlaTarget, DurationDraft> {
  return Object.fromEntries(
    POLICY_TARGETS.map((target) => [
      target,
      slaDurationDraft(secondsOf(target), EMPTY_UNIT[target]),
    ]),
  ) as Record<SlaTarget, DurationDraft>;
}

/** The saved policies as rows, the default first (an empty one when the team has none). */
export function slaPolicyDrafts(saved: readonly SlaPolicyDto[]): SlaPolicyDraft[] {
  const rows = saved.map((policy): SlaPolicyDraft => ({
    key: nextKey(),
    channelKind: policy.channelKind ?? '',
    priority: policy.priority ?? '',
    ...targetDrafts((target) => policy[target]),
  }));
  const fallback = rows.find(isDefaultPolicy) ?? emptySlaPolicy('', '');
  return [fallback, ...rows.filter((row) => row !== fallback)];
}

/** A scope no row has yet, for a new row: by channel first, then by priority. */
export function freeScope(
  drafts: readonly SlaPolicyDraft[],
): Pick<SlaPolicyDraft, 'channelKind' | 'priority'> {
  const taken = new Set(drafts.map((row) => `${row.channelKind}/${row.priority}`));
  const scopes = [
    ...CHANNEL_KINDS.map((channelKind) => ({ channelKind, priority: '' as const })),
    ...CONVERSATION_PRIORITIES.map((priority) => ({ channelKind: '' as const, priority })),
  ];
  return (
    scopes.find((scope) => !taken.has(`${scope.channelKind}/${scope.priority}`)) ??
    scopes[0] ?? { channelKind: '', priority: '' }
  );
}

/**
 * The `PUT` body, and the row key of each policy in it (for the server's `policies.<n>` paths).
 * A default row without any target is left out: it would mean nothing.
 */
export function slaPoliciesBody(drafts: readonly SlaPolicyDraft[]): {
  body: TeamSlaPoliciesRequest;
  keys: string[];
} {
  const kept = drafts.filter(
    (row) =>
      !isDefaultPolicy(row) || POLICY_TARGETS.some((target) => row[target].amount.trim() !== ''),
  );
  return {
    body: {
      policies: kept.map((row): SlaPolicyInput => ({
        channelKind: row.channelKind || null,
        priority: row.priority || null,
        ...(Object.fromEntries(
          POLICY_TARGETS.map((target) => [target, slaDraftSeconds(row[target])]),
        ) as Record<SlaTarget, number | null>),
      })),
    },
    keys: kept.map((row) => row.key),
  };
}

function canonical(policies: readonly SlaPolicyInput[]): string {
  return JSON.stringify(
    policies
      .map((policy) => [
        policy.channelKind ?? null,
        policy.priority ?? null,
        ...POLICY_TARGETS.map((target) => policy[target] ?? null),
      ])
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  );
}

export function slaPoliciesChanged(
  drafts: readonly SlaPolicyDraft[],
  saved: readonly SlaPolicyDto[],
): boolean {
  return canonical(slaPoliciesBody(drafts).body.policies) !== canonical(saved);
}

type Issue = NonNullable<
  ReturnType<typeof teamSlaPoliciesSchema.safeParse>['error']
>['issues'][number];

/** The schema's message for an issue, in the user's language; unforeseen ones as they are. */
export function slaIssueMessage(issue: Issue, t: TFunction): string {
  if (issue.code === 'custom' && issue.params?.['reason'] === 'duplicate')
    return t('settings.sla.errors.duplicate');
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      return t('settings.validation.secondsMin', { min, duration: formatSeconds(min, t) });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      return t('settings.validation.secondsMax', { max, duration: formatSeconds(max, t) });
    }
    case 'invalid_type':
      return issue.expected === 'int'
        ? t('settings.validation.secondsWhole')
        : t('settings.validation.secondsNumber');
    default:
      return issue.message;
  }
}

/** Where a `policies.<n>[.<field>]` path belongs in the form: `<key>` or `<key>.<field>`. */
function errorKey(path: readonly PropertyKey[], keys: readonly string[]): string | undefined {
  if (path[0] !== 'policies' || typeof path[1] !== 'number') return undefined;
  const key = keys[path[1]];
  if (!key) return undefined;
  return path.length > 2 ? `${key}.${String(path[2])}` : key;
}

/** Client-side check with the contract's schema: one message per row or field. */
export function validateSlaPolicies(
  drafts: readonly SlaPolicyDraft[],
  t: TFunction,
): SlaPolicyErrors {
  const { body, keys } = slaPoliciesBody(drafts);
  const parsed = teamSlaPoliciesSchema.safeParse(body);
  if (parsed.success) return {};
  const errors: SlaPolicyErrors = {};
  for (const issue of parsed.error.issues) {
    const key = errorKey(issue.path, keys) ?? issue.path.join('.');
    errors[key] ??= slaIssueMessage(issue, t);
  }
  return errors;
}

export interface SlaServerErrors {
  fields: SlaPolicyErrors;
  /** Messages for no known row, shown above the buttons. */
  other: string[];
}

/** A 400's `details[]` at their rows and fields, as the server wrote them. */
export function slaServerErrors(error: ApiError, keys: readonly string[]): SlaServerErrors {
  const fields: SlaPolicyErrors = {};
  const other: string[] = [];
  if (error.status !== 400) return { fields, other };
  for (const detail of error.details) {
    const path = detail.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    const key = errorKey(path, keys);
    if (key) fields[key] ??= detail.message;
    else other.push(detail.path ? `${detail.path} ${detail.message}` : detail.message);
  }
  if (error.details.length === 0) other.push(error.message);
  return { fields, other };
}
