import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader';

/** `/goals` (everyone): the targets the teams share, their current value and trend. */
export function GoalsPage() {
  const { t } = useTranslation();
  return (
    <section className="tp-goals" aria-labelledby="goals-title" data-testid="page-goals">
      <PageHeader titleId="goals-title" title={t('nav.goals')} intro="" />
    </section>
  );
}
