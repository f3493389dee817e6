import { useTranslation } from 'react-i18next';
import { Icon } from '../../../ui/Icon';
import { NAV_ITEMS, type Section } from '../navigation';

/** Placeholder for a section that is not built yet. */
export function ComingSoonPage({ section }: { section: Section }) {
  const { t } = useTranslation();
  const icon = NAV_ITEMS.find((item) => item.section === section)?.icon ?? 'inbox';
  return (
    <section
      className="tp-page tp-placeholder"
      aria-labelledby="page-title"
      data-testid={`page-${section}`}
    >
      <div className="tp-placeholder__icon">
        <Icon name={icon} size={28} />
      </div>
      <h1 id="page-title" className="tp-page__title">
        {t(`nav.${section}`)}
      </h1>
      <p className="tp-placeholder__badge">{t('comingSoon.badge')}</p>
      <p className="tp-placeholder__text">{t(`comingSoon.${section}`)}</p>
    </section>
  );
}
