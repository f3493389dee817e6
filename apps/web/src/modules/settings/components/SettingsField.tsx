import type { ReactNode } from 'react';

/** The ids a form field links together: control, label, help text and error. */
export interface FieldIds {
  control: string;
  label: string;
  hint: string;
  error: string;
}

export function fieldIds(base: string, field: string): FieldIds {
  return {
    control: `${base}-${field}`,
    label: `${base}-${field}-label`,
    hint: `${base}-${field}-hint`,
    error: `${base}-${field}-error`,
  };
}

/** What a control points its `aria-describedby` at: the help text, then the error if any. */
export function describedBy(ids: FieldIds, hint: boolean, error: string | undefined) {
  return [hint && ids.hint, error && ids.error].filter(Boolean).join(' ') || undefined;
}

export interface SettingsFieldProps {
  ids: FieldIds;
  label: string;
  hint?: string;
  error?: string;
  /** The control: an input, select or textarea with `id={ids.control}`. */
  children: ReactNode;
  'data-testid'?: string;
}

/** Label, control, help text and error of one field (the control links them itself). */
export function SettingsField({ ids, label, hint, error, children, ...rest }: SettingsFieldProps) {
  return (
    <div
      className={`tp-field${error ? ' tp-field--invalid' : ''}`}
      data-testid={rest['data-testid']}
    >
      <label id={ids.label} className="tp-field__label" htmlFor={ids.control}>
        {label}
      </label>
      {children}
      {hint ? (
        <p id={ids.hint} className="tp-field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={ids.error} className="tp-field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export interface SettingsCheckboxProps {
  ids: FieldIds;
  label: string;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
  'data-testid'?: string;
}

/** A switch-like choice with its label beside it and the help text under the label. */
export function SettingsCheckbox({
  ids,
  label,
  hint,
  checked,
  onChange,
  error,
  ...rest
}: SettingsCheckboxProps) {
  return (
    <div className={`tp-settings-check${error ? ' tp-field--invalid' : ''}`}>
      <input
        id={ids.control}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(ids, true, error)}
        data-testid={rest['data-testid']}
      />
      <div className="tp-settings-check__text">
        <label id={ids.label} htmlFor={ids.control} className="tp-settings-check__label">
          {label}
        </label>
        <p id={ids.hint} className="tp-field__hint">
          {hint}
        </p>
        {error ? (
          <p id={ids.error} className="tp-field__error">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
