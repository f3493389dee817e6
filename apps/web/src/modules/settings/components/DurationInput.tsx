import { useTranslation } from 'react-i18next';
import {
  DURATION_UNITS,
  policyLimits,
  UNIT_SECONDS,
  type DurationDraft,
  type DurationField,
} from '../format/team-durations';
import { describedBy, type FieldIds } from './SettingsField';

export interface DurationInputProps {
  field: DurationField;
  ids: FieldIds;
  /** The field's label, for the unit picker's name. */
  label: string;
  value: DurationDraft;
  onChange: (value: DurationDraft) => void;
  error?: string;
}

/**
 * A duration in minutes or hours (stored in seconds). With one unit the unit is text after the
 * number and part of its name ("… within 15 minutes"); with several it is a picker.
 */
export function DurationInput({ field, ids, label, value, onChange, error }: DurationInputProps) {
  const { t } = useTranslation();
  const units = DURATION_UNITS[field];
  const limits = policyLimits(field);
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
        data-testid={`team-${field}`}
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
          data-testid={`team-${field}-unit`}
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
