import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { AreaTabs } from '../../../ui/AreaTabs';
import { PageHeader } from '../../../ui/PageHeader';
import { Skeleton } from '../../../ui/Skeleton';
import { NotFoundPage } from '../../shell/components/NotFoundPage';
import { LiveBoard } from './LiveBoard';

// The charts load with the reports only, not with every page of the app.
const ReportsView = lazy(() =>
  import('./ReportsView').then((module) => ({ default: module.ReportsView })),
);

/** The areas of the supervisor section, as tabs: the live board and the reports. */
const AREAS = [
  { area: undefined, to: '/supervisor', label: 'supervisor.areas.board' },
  { area: 'reports', to: '/supervisor/reports', label: 'supervisor.areas.reports' },
] as const;

/**
 * `/supervisor/:area?` (supervisors and admins): the shift, live, at `/supervisor`, and what it
 * added up to at `/supervisor/reports`.
 */
export function SupervisorPage() {
  const { t } = useTranslation();
  const { area } = useParams();
  if (!AREAS.some((candidate) => candidate.area === area)) return <NotFoundPage />;
  return (
    <section
      className="tp-supervisor"
      aria-labelledby="supervisor-title"
      data-testid="page-supervisor"
    >
      <PageHeader
        titleId="supervisor-title"
        title={t('supervisor.title')}
        intro={t(area === 'reports' ? 'reports.intro' : 'supervisor.intro')}
      />
      <AreaTabs
        label={t('supervisor.areas.label')}
        tabs={AREAS.map((candidate) => ({
          to: candidate.to,
          label: t(candidate.label),
          testId: `supervisor-area-${candidate.area ?? 'board'}`,
        }))}
      />
      {area === 'reports' ? (
        <Suspense fallback={<Skeleton rows={6} variant="card" label={t('reports.loading')} />}>
          <ReportsView />
        </Suspense>
      ) : (
        <LiveBoard />
      )}
    </section>
  );
}
