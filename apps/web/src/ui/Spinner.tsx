export interface SpinnerProps {
  size?: 'small' | 'medium';
  /** Accessible text; without it the spinner is decorative. */
  label?: string;
}

export function Spinner({ size = 'medium', label }: SpinnerProps) {
  return (
    <span
      className={`tp-spinner tp-spinner--${size}`}
      role={label ? 'status' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    />
  );
}
