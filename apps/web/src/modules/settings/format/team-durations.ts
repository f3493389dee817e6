import type { TFunction } from 'i18next';
import { teamPolicySchema } from '@touchpoint/shared';
import { formatDuration } from '../../handoffs/format/handoff-sla';

/** The policy durations, stored in seconds and edited in minutes or hours. */
export const DURATION_FIELDS = [
  'consultAcceptSeconds',
  'consultAnswerSeconds',
  'participantGraceSeconds',
] as const;
export type DurationField = (typeof DURATION_FIELDS)[number];

export type DurationUnit = 'minutes' | 'hours';

export const UNIT_SECONDS: Record<DurationUnit, number> = { minutes: 60, hours: 3600 };

/** The units each duration is edited in, smallest first. */
export const DURATION_UNITS: Record<DurationField, readonly DurationUnit[]> = {
  consultAcceptSeconds: ['minutes'],
  consultAnswerSeconds: ['minutes', 'hours'],
  participantGraceSeconds: ['minutes'],
};

/** A duration as typed: the amount as text (may be empty or invalid while editing) and its unit. */
export interface DurationDraft {
  amount: string;
  unit: DurationUnit;
}

export function isDurationField(value: string): value is DurationField {
  return (DURATION_FIELDS as readonly string[]).includes(value);
}

/**
 * Seconds in the largest unit of the field that divides them (7200 → 2 hours); otherwise in the
 * smallest, with up to two decimals (90 → 1.5 minutes), which converts back to the same seconds.
 */
export function durationDraft(field: DurationField, seconds: number): DurationDraft {
  const units = DURATION_UNITS[field];
  const exact = [...units]
    .reverse()
    .find((unit) => seconds > 0 && seconds % UNIT_SECONDS[unit] === 0);
  const unit = exact ?? units[0] ?? 'minutes';
  const amount = Number((seconds / UNIT_SECONDS[unit]).toFixed(2));
  return { amount: String(amount), unit };
}

/** Whole seconds of a typed duration; NaN when the amount is empty or not a number. */
export function draftSeconds(draft: DurationDraft): number {
  if (draft.amount.trim() === '') return Number.NaN;
  const amount = Number(draft.amount);
  return Number.isFinite(amount) ? Math.round(amount * UNIT_SECONDS[draft.unit]) : Number.NaN;
}

/** "0 min", "15 min", "2 h", "7 d": for summaries and limits. */
export function formatSeconds(seconds: number, t: TFunction): string {
  if (seconds === 0) return t('handoffs.duration.minutes', { count: 0 });
  return formatDuration(seconds * 1000, t);
}

export type PolicyNumberField = DurationField | 'maxOpenPerAgent';

/** The shared schema's limits of a number field, for input attributes and help texts. */
export function policyLimits(field: PolicyNumberField): { min: number; max: number } {
  const schema = teamPolicySchema.shape[field];
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}
