import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../ui/Icon';
import { LanguageSwitch } from '../../shell/components/LanguageSwitch';

export interface AuthCardProps {
  /** Id of the card's heading, which names the card. */
  titleId: string;
  children: ReactNode;
  'data-testid'?: string;
}

/** The page around signing in and one-time links: language, brand, the card, the tagline. */
export function AuthCard({ titleId, children, ...rest }: AuthCardProps) {
  const { t } = useTranslation();
  return (
    <div className="tp-login">
      <div className="tp-login__top">
        <LanguageSwitch />
      </div>
      <main className="tp-login__main">
        <div className="tp-login__brand">
          <span className="tp-logo" aria-hidden="true">
            <Icon name="logo" size={22} />
          </span>
          <span className="tp-login__brand-name">{t('app.name')}</span>
        </div>
        <section
          className="tp-login__card"
          aria-labelledby={titleId}
          data-testid={rest['data-testid']}
        >
          {children}
        </section>
        <p className="tp-login__tagline">{t('app.tagline')}</p>
      </main>
    </div>
  );
}
