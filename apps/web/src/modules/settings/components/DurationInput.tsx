import { useTranslation } from 'react-i18next';
import {
  DURATION_UNITS,
  policyLimits,
  UNIT_SECONDS,
  type DurationDraft,
  type DurationField,
  type DurationUnit,
} from '../format/team-durations';
import { describedBy, type FieldIds } from './SettingsField';

/** What the amount is: a team policy field (its units, limits and test id) or any other duration. */
type DurationKind =
  | { field: DurationField; units?: never; limits?: never; testId?: never }
  | {
      field?: never;
      /** Smallest first. */
      units: readonly DurationUnit[];
      /** In seconds. */
      limits: { min: number; max: number };
      testId: string;
    };

export type DurationInputProps = DurationKind & {
  ids: FieldIds;
  /** The field's label, for the unit picker's name. */
  label: string;
  value: DurationDraft;
  onChange: (value: DurationDraft) => void;
  error?: string;
};

/**
 * A duration in minutes or hours (stored in seconds). With one unit the unit is text after the
 * number and part of its name ("… within 15 minutes"); with several it is a picker.
 */
export function DurationInput(props: DurationInputProps) {
  const { ids, label, value, onChange, error } = props;
  const { t } = useTranslation();
  const units = props.field ? DURATION_UNITS[props.field] : props.units;
  const limits = props.field ? policyLimits(props.field) : props.limits;
  const testId = props.field ? `team-${props.field}` : props.testId;
  const unitId = `${ids.control}-unit`;
  const step = UNIT_SECONDS[value.unit];
  return (
    <div className="tp-duration">
      <input
        id={ids.control}
        type="number"
        inputMode="decimal"
        className="tp-field__input tp-duration__amount"
        value={value.amount}
        min={limits.min / step}
        max={limits.max / step}
        step="any"
        onChange={(event) => onChange({ ...value, amount: event.target.value })}
        aria-labelledby={units.length === 1 ? `${ids.label} ${unitId}` : ids.label}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, true, error)}
        data-testid={testId}
      />
      {units.length === 1 ? (
        <span id={unitId} className="tp-duration__unit">
          {t(`settings.form.units.${value.unit}`)}
        </span>
      ) : (
        <select
          id={unitId}
          className="tp-select tp-duration__units"
          value={value.unit}
          aria-label={t('settings.form.unit', { field: label })}
          onChange={(event) =>
            onChange({
              ...value,
              unit: units.find((unit) => unit === event.target.value) ?? value.unit,
            })
          }
          data-testid={`${testId}-unit`}
        >
          {units.map((unit) => (
            <option key={unit} value={unit}>
              {t(`settings.form.units.${unit}`)}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
