import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHANNEL_KINDS,
  JOURNEY_SEGMENTS,
  journeyQuerySchema,
  type JourneyOutcome,
  type JourneyOverviewDto,
  type JourneyQueryInput,
} from '@touchpoint/shared';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { downloadCsv } from '../../../lib/csv';
import { queryFieldErrors } from '../../../lib/query-field-errors';
import { useRangeParams } from '../../../lib/useRangeParams';
import { Button } from '../../../ui/Button';
import { EmptyState } from '../../../ui/EmptyState';
import { RangeFilterForm } from '../../../ui/RangeFilterForm';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import { useTeams } from '../../settings/hooks/useTeams';
import { journeyMomentsCsv, journeyPathsCsv, journeyStepsCsv } from '../format/journey-csv';
import { useJourneys } from '../hooks/useJourneys';
import { JourneyDrillDown, type Drill } from './JourneyDrillDown';
import { JourneyFlow } from './JourneyFlow';
import { JourneyMoments } from './JourneyMoments';
import { JourneyPaths } from './JourneyPaths';
import './journeys.css';

type Field = 'from' | 'to' | 'teamId' | 'channelKind' | 'segment';
const FIELDS: readonly Field[] = ['from', 'to', 'teamId', 'channelKind', 'segment'];
const DEFAULT_DAYS = 30;

/**
 * `/journeys`: where customers of a range (the last 30 days unless chosen) enter, wait and leave,
 * for everyone or one team, entry channel or segment, kept in the address so a view can be shared.
 * Headline figures, the flow diagram, the moments that matter and the journeys taken; every number
 * lists its conversations, and the tables download as CSV.
 */
export function JourneysView() {
  const { t } = useTranslation();
  const range = useRangeParams(DEFAULT_DAYS);
  const query: JourneyQueryInput = {
    from: range.from,
    to: range.to,
    timeZone: range.zone,
    teamId: range.get('teamId'),
    channelKind: range.get('channelKind') as JourneyQueryInput['channelKind'],
    segment: range.get('segment') as JourneyQueryInput['segment'],
  };
  const valid = journeyQuerySchema.safeParse(query).success;
  const journeys = useJourneys(valid ? query : null);
  const teams = useTeams();
  const errors = queryFieldErrors(journeyQuerySchema, query, journeys.error, FIELDS);
  const ids = { figures: useId(), table: useId() };
  const [drill, setDrill] = useState<{ query: JourneyQueryInput; drill: Drill } | null>(null);
  const open = (next: Drill) => setDrill({ query, drill: next });
  const data = journeys.data;
  return (
    <div className="tp-reports" data-testid="journeys">
      <RangeFilterForm<Exclude<Field, 'from' | 'to'>>
        label={t('journeys.filters.label')}
        testPrefix="journeys"
        values={query}
        errors={errors}
        zone={range.zone}
        onChange={(changes) => range.set(changes)}
        filters={[
          {
            field: 'teamId',
            label: t('reports.filters.team'),
            options: (teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
          },
          {
            field: 'channelKind',
            label: t('journeys.filters.entry'),
            options: CHANNEL_KINDS.map((kind) => ({
              value: kind,
              label: t(`inbox.channelKinds.${kind}`),
            })),
          },
          {
            field: 'segment',
            label: t('journeys.filters.segment'),
            options: JOURNEY_SEGMENTS.map((segment) => ({
              value: segment,
              label: t(`journeys.segments.${segment}`),
            })),
          },
        ]}
      />

      {!valid ? null : journeys.isPending ? (
        <Skeleton rows={6} variant="card" label={t('journeys.loading')} />
      ) : journeys.isError && !data ? (
        journeys.error.status === 400 &&
        journeys.error.details.some((d) =>
          FIELDS.includes(d.path.split('.')[0] as Field),
        ) ? null : (
          <RetryAlert
            title={t('journeys.loadFailed')}
            retryLabel={t('supervisor.retry')}
            onRetry={() => void journeys.refetch()}
          >
            {apiErrorMessage(journeys.error, t)}
          </RetryAlert>
        )
      ) : data && data.conversations === 0 ? (
        <EmptyState
          icon="journey"
          title={t('journeys.empty.title')}
          hint={t('journeys.empty.hint')}
          data-testid="journeys-empty"
        />
      ) : data ? (
        <div aria-busy={journeys.isFetching} className="tp-report-body">
          <Downloads journeys={data} />
          <Figures journeys={data} titleId={ids.figures} onDrill={open} />
          <JourneyFlow journeys={data} tableId={ids.table} onDrill={open} />
          <JourneyMoments moments={data.moments} nodes={data.nodes} onDrill={open} />
          <JourneyPaths paths={data.paths} nodes={data.nodes} tableId={ids.table} onDrill={open} />
        </div>
      ) : null}
      {drill && (
        <JourneyDrillDown query={drill.query} drill={drill.drill} onClose={() => setDrill(null)} />
      )}
    </div>
  );
}

/** The three CSV downloads: the journeys, the steps of the diagram, the moments. */
function Downloads({ journeys }: { journeys: JourneyOverviewDto }) {
  const { t } = useTranslation();
  const name = (what: string) => `touchpoint-journeys-${what}-${journeys.from}-${journeys.to}.csv`;
  return (
    <div className="tp-report-actions" role="group" aria-label={t('journeys.csv.label')}>
      <Button
        variant="secondary"
        onClick={() => downloadCsv(name('paths'), journeyPathsCsv(journeys))}
        data-testid="journeys-csv-paths"
      >
        {t('journeys.csv.paths')}
      </Button>
      <Button
        variant="secondary"
        onClick={() => downloadCsv(name('steps'), journeyStepsCsv(journeys))}
        data-testid="journeys-csv-steps"
      >
        {t('journeys.csv.steps')}
      </Button>
      <Button
        variant="secondary"
        onClick={() => downloadCsv(name('moments'), journeyMomentsCsv(journeys))}
        data-testid="journeys-csv-moments"
      >
        {t('journeys.csv.moments')}
      </Button>
    </div>
  );
}

/** Conversations, and the shares resolved in one touch, abandoned and reopened; the average rating. */
function Figures({
  journeys,
  titleId,
  onDrill,
}: {
  journeys: JourneyOverviewDto;
  titleId: string;
  onDrill: (drill: Drill) => void;
}) {
  const { t, i18n } = useTranslation();
  const total = journeys.conversations;
  const share = (outcome: Extract<JourneyOutcome, 'one_touch' | 'abandoned' | 'reopened'>) => {
    const count = journeys.outcomes[outcome];
    const title = t(`journeys.outcomes.${outcome}`);
    return {
      key: outcome,
      label: t(`journeys.figures.${outcome}`),
      value: total > 0 ? t('reports.share', { percent: Math.round((count / total) * 100) }) : '–',
      drill: { key: `outcome:${outcome}`, title, count },
    };
  };
  const figures = [share('one_touch'), share('abandoned'), share('reopened')];
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId} className="tp-supervisor__heading">
        {t('reports.figures.title', { from: journeys.from, to: journeys.to })}
      </h2>
      <dl className="tp-report-figures">
        <div className="tp-report-figure" data-testid="journeys-figure-conversations">
          <dt>{t('journeys.figures.conversations')}</dt>
          <dd className="tp-report-figure__value">{total}</dd>
        </div>
        {figures.map((f) => (
          <div key={f.key} className="tp-report-figure" data-testid={`journeys-figure-${f.key}`}>
            <dt>{f.label}</dt>
            <dd className="tp-report-figure__value">{f.value}</dd>
            <dd className="tp-report-figure__detail">
              <button
                type="button"
                className="tp-journey-number"
                aria-label={t('journeys.figures.show', {
                  name: f.drill.title,
                  count: f.drill.count,
                })}
                onClick={() => onDrill(f.drill)}
              >
                {t('journeys.conversations', { count: f.drill.count })}
              </button>
            </dd>
          </div>
        ))}
        <div className="tp-report-figure" data-testid="journeys-figure-csat">
          <dt>{t('journeys.figures.csat')}</dt>
          <dd className="tp-report-figure__value">
            {journeys.csat.average === null
              ? '–'
              : journeys.csat.average.toLocaleString(i18n.language, {
                  minimumFractionDigits: 1,
                  maximumFractionDigits: 1,
                })}
          </dd>
          <dd className="tp-report-figure__detail">
            {t('journeys.csat.rated', { count: journeys.csat.rated })}
          </dd>
        </div>
      </dl>
    </section>
  );
}
