/** Grey placeholder lines while content loads; the label is announced once for the group. */
export function Skeleton({
  rows = 3,
  label,
  variant = 'line',
}: {
  rows?: number;
  label: string;
  variant?: 'line' | 'card' | 'bubble';
}) {
  return (
    <div className={`tp-skeleton tp-skeleton--${variant}`} role="status" aria-label={label}>
      {Array.from({ length: rows }, (_, index) => (
        <span key={index} className="tp-skeleton__row" aria-hidden="true" />
      ))}
    </div>
  );
}
