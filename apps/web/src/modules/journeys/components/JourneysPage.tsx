import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/PageHeader';

/** `/journeys/:area?` (supervisors, touchpoint managers, admins): where customers enter, wait and leave. */
export function JourneysPage() {
  const { t } = useTranslation();
  return (
    <section className="tp-journeys" aria-labelledby="journeys-title" data-testid="page-journeys">
      <PageHeader titleId="journeys-title" title={t('nav.journeys')} intro="" />
    </section>
  );
}
