import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section
      className="tp-page tp-placeholder"
      aria-labelledby="page-title"
      data-testid="page-not-found"
    >
      <p className="tp-placeholder__code" aria-hidden="true">
        404
      </p>
      <h1 id="page-title" className="tp-page__title">
        {t('notFound.title')}
      </h1>
      <p className="tp-placeholder__text">{t('notFound.body')}</p>
      <Link className="tp-button tp-button--secondary" to="/inbox">
        {t('notFound.back')}
      </Link>
    </section>
  );
}
