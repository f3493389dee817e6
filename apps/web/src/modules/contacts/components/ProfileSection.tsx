import { useId, type ReactNode } from 'react';

/** A titled block of the contact profile, with its actions beside the title. */
export function ProfileSection({
  title,
  actions,
  children,
  className,
  'data-testid': testId,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  'data-testid'?: string;
}) {
  const titleId = useId();
  return (
    <section
      className={className ? `tp-profile-section ${className}` : 'tp-profile-section'}
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <div className="tp-profile-section__head">
        <h2 id={titleId} className="tp-profile-section__title">
          {title}
        </h2>
        {actions ? <div className="tp-profile-section__actions">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
