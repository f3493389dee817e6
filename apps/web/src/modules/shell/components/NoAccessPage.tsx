import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function NoAccessPage() {
  const { t } = useTranslation();
  return (
    <section
      className="tp-page tp-placeholder"
      aria-labelledby="page-title"
      data-testid="page-no-access"
    >
      <h1 id="page-title" className="tp-page__title">
        {t('noAccess.title')}
      </h1>
      <p className="tp-placeholder__text">{t('noAccess.body')}</p>
      <Link className="tp-button tp-button--secondary" to="/inbox">
        {t('noAccess.back')}
      </Link>
    </section>
  );
}
