import { Icon, type IconName } from './Icon';

/** What a list shows when it has nothing: an icon, a sentence, and maybe a hint what to do. */
export function EmptyState({
  icon,
  title,
  hint,
  className,
  'data-testid': testId,
}: {
  icon: IconName;
  title: string;
  hint?: string;
  className?: string;
  'data-testid'?: string;
}) {
  return (
    <div className={className ? `tp-empty ${className}` : 'tp-empty'} data-testid={testId}>
      <Icon name={icon} size={28} />
      <p className="tp-empty__title">{title}</p>
      {hint ? <p className="tp-empty__hint">{hint}</p> : null}
    </div>
  );
}
