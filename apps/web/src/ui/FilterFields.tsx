import { Button } from './Button';
import './reports.css';

export interface FilterOption {
  value: string;
  label: string;
}

/** A filter of a report: a select whose empty choice means "all". */
export function FilterSelect({
  id,
  label,
  value,
  allLabel,
  options,
  error,
  onChange,
  testId,
}: {
  id: string;
  label: string;
  value: string;
  allLabel: string;
  options: readonly FilterOption[];
  error?: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  return (
    <div className={`tp-field${error ? ' tp-field--invalid' : ''}`}>
      <label className="tp-field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="tp-field__input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        data-testid={testId}
      >
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && <p className="tp-field__error">{error}</p>}
    </div>
  );
}

/** A day of a report's range (YYYY-MM-DD), with the message the schema or the API gave for it. */
export function FilterDate({
  id,
  label,
  value,
  error,
  onChange,
  testId,
  errorTestId,
}: {
  id: string;
  label: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
  testId: string;
  errorTestId: string;
}) {
  return (
    <div className={`tp-field${error ? ' tp-field--invalid' : ''}`}>
      <label className="tp-field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="date"
        className="tp-field__input"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
        required
      />
      {error && (
        <p id={`${id}-error`} className="tp-field__error" data-testid={errorTestId}>
          {error}
        </p>
      )}
    </div>
  );
}

/** Buttons that pick the last N days at once. */
export function RangePresets({
  label,
  presets,
  presetLabel,
  onPick,
}: {
  label: string;
  presets: readonly number[];
  presetLabel: (days: number) => string;
  onPick: (days: number) => void;
}) {
  return (
    <div className="tp-report-filters__presets" role="group" aria-label={label}>
      {presets.map((days) => (
        <Button key={days} variant="secondary" onClick={() => onPick(days)}>
          {presetLabel(days)}
        </Button>
      ))}
    </div>
  );
}
