import { useId, type InputHTMLAttributes } from 'react';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  name: string;
  /** Shown under the field and linked to it; marks the field invalid. */
  error?: string;
  hint?: string;
}

export function TextField({ label, error, hint, className, ...inputProps }: TextFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const describedBy = error ? errorId : hint ? hintId : undefined;
  return (
    <div
      className={['tp-field', error && 'tp-field--invalid', className].filter(Boolean).join(' ')}
    >
      <label className="tp-field__label" htmlFor={id}>
        {label}
      </label>
      <input
        {...inputProps}
        id={id}
        className="tp-field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {hint && !error ? (
        <p id={hintId} className="tp-field__hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="tp-field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
