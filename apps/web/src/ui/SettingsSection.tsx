import { useId, type ReactNode } from 'react';

/** A titled section of a settings or account page; its title labels it for screen readers. */
export function SettingsSection({
  title,
  intro,
  children,
  'data-testid': testId,
}: {
  title: string;
  intro: string;
  children: ReactNode;
  'data-testid'?: string;
}) {
  const titleId = useId();
  return (
    <section className="tp-settings__section" aria-labelledby={titleId} data-testid={testId}>
      <div className="tp-settings__section-head">
        <h2 id={titleId} className="tp-settings__section-title">
          {title}
        </h2>
        <p className="tp-settings__intro">{intro}</p>
      </div>
      {children}
    </section>
  );
}
