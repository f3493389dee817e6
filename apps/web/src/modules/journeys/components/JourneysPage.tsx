import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { AreaTabs } from '../../../ui/AreaTabs';
import { PageHeader } from '../../../ui/PageHeader';
import { SatisfactionView } from '../../satisfaction/components/SatisfactionView';
import { NotFoundPage } from '../../shell/components/NotFoundPage';
import { JourneysView } from './JourneysView';

/** The areas of the journeys section, as tabs: the journeys and the customers' ratings. */
const AREAS = [
  { area: undefined, to: '/journeys', label: 'journeys.areas.journeys' },
  { area: 'satisfaction', to: '/journeys/satisfaction', label: 'journeys.areas.satisfaction' },
] as const;

/**
 * `/journeys/:area?` (supervisors, touchpoint managers, admins): where customers enter, wait and
 * leave at `/journeys`, and how they rated it at `/journeys/satisfaction`.
 */
export function JourneysPage() {
  const { t } = useTranslation();
  const { area } = useParams();
  if (!AREAS.some((candidate) => candidate.area === area)) return <NotFoundPage />;
  return (
    <section className="tp-journeys" aria-labelledby="journeys-title" data-testid="page-journeys">
      <PageHeader
        titleId="journeys-title"
        title={t('nav.journeys')}
        intro={t(area === 'satisfaction' ? 'journeys.satisfactionIntro' : 'journeys.intro')}
      />
      <AreaTabs
        label={t('journeys.areas.label')}
        tabs={AREAS.map((candidate) => ({
          to: candidate.to,
          label: t(candidate.label),
          testId: `journeys-area-${candidate.area ?? 'journeys'}`,
        }))}
      />
      {area === 'satisfaction' ? <SatisfactionView /> : <JourneysView />}
    </section>
  );
}
