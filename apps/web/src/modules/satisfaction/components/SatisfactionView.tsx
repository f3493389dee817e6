import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import {
  CHANNEL_KINDS,
  satisfactionQuerySchema,
  type SatisfactionQueryInput,
  type SatisfactionResultsDto,
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
import { ChartFrame } from '../../supervisor/components/ChartFrame';
import { satisfactionCsv } from '../format/satisfaction-csv';
import { formatAverage, formatRate } from '../format/satisfaction-text';
import { useSatisfaction } from '../hooks/useSatisfaction';
import { SatisfactionTable } from './SatisfactionTable';
import '../../../ui/reports.css';
import './satisfaction.css';

type Field = 'from' | 'to' | 'teamId' | 'channelKind';
const FIELDS: readonly Field[] = ['from', 'to', 'teamId', 'channelKind'];
const DEFAULT_DAYS = 30;
/** From poor to great: ratings 1 to 5, told apart by their place on the axis as well. */
const RATING_COLOURS = ['#c2410c', '#d97706', '#6b7280', '#2f6db5', '#1b9e77'];

/**
 * The satisfaction results (`/journeys/satisfaction`): the surveys sent in a date range (the last
 * 30 days unless chosen), for every team or one, every channel or one, kept in the address. Totals,
 * the ratings 1–5, tables per team, channel and agent, and a CSV of every figure.
 */
export function SatisfactionView() {
  const { t } = useTranslation();
  const range = useRangeParams(DEFAULT_DAYS);
  const zone = range.zone;
  const query: SatisfactionQueryInput = {
    from: range.from,
    to: range.to,
    timeZone: zone,
    teamId: range.get('teamId'),
    channelKind: range.get('channelKind') as SatisfactionQueryInput['channelKind'],
  };
  const valid = satisfactionQuerySchema.safeParse(query).success;
  const results = useSatisfaction(valid ? query : null);
  const teams = useTeams();
  const errors = queryFieldErrors(satisfactionQuerySchema, query, results.error, FIELDS);

  const data = results.data;
  return (
    <div className="tp-reports" data-testid="satisfaction-view">
      <RangeFilterForm<Exclude<Field, 'from' | 'to'>>
        label={t('satisfaction.filters')}
        testPrefix="satisfaction"
        values={query}
        errors={errors}
        zone={zone}
        onChange={(changes) => range.set(changes)}
        filters={[
          {
            field: 'teamId',
            label: t('reports.filters.team'),
            options: (teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
          },
          {
            field: 'channelKind',
            label: t('reports.filters.channel'),
            options: CHANNEL_KINDS.map((kind) => ({
              value: kind,
              label: t(`inbox.channelKinds.${kind}`),
            })),
          },
        ]}
      />

      {!valid ? null : results.isPending ? (
        <Skeleton rows={6} variant="card" label={t('satisfaction.loading')} />
      ) : results.isError && !data ? (
        results.error.status === 400 ? null : (
          <RetryAlert
            title={t('satisfaction.loadFailed')}
            retryLabel={t('supervisor.retry')}
            onRetry={() => void results.refetch()}
          >
            {apiErrorMessage(results.error, t)}
          </RetryAlert>
        )
      ) : data && data.totals.requested === 0 ? (
        <EmptyState
          icon="check"
          title={t('satisfaction.empty')}
          hint={t('satisfaction.emptyHint')}
          data-testid="satisfaction-empty"
        />
      ) : data ? (
        <Results data={data} busy={results.isFetching} />
      ) : null}
    </div>
  );
}

function Results({ data, busy }: { data: SatisfactionResultsDto; busy: boolean }) {
  const { t } = useTranslation();
  const titleId = useId();
  const { totals } = data;
  const figures = [
    { key: 'requested', value: totals.requested },
    { key: 'rated', value: totals.rated },
    { key: 'responseRate', value: formatRate(totals.responseRate, t) },
    { key: 'average', value: formatAverage(totals.average, t) },
  ] as const;
  const distribution = totals.distribution.map((count, index) => ({
    rating: String(index + 1),
    count,
    fill: RATING_COLOURS[index],
  }));
  const none = t('satisfaction.tables.none');
  return (
    <div aria-busy={busy} className="tp-report-body">
      <div className="tp-report-actions">
        <Button
          variant="secondary"
          onClick={() =>
            downloadCsv(
              `touchpoint-satisfaction-${data.from}-${data.to}.csv`,
              satisfactionCsv(data),
            )
          }
          data-testid="satisfaction-csv"
        >
          {t('reports.csv')}
        </Button>
      </div>
      <section aria-labelledby={titleId}>
        <h2 id={titleId} className="tp-supervisor__heading">
          {t('reports.figures.title', { from: data.from, to: data.to })}
        </h2>
        <dl className="tp-report-figures">
          {figures.map((f) => (
            <div key={f.key} className="tp-report-figure" data-testid={`satisfaction-${f.key}`}>
              <dt>{t(`satisfaction.figures.${f.key}`)}</dt>
              <dd className="tp-report-figure__value">{f.value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <ChartFrame
        label={t('satisfaction.distribution.title')}
        height={200}
        testId="satisfaction-distribution"
      >
        {(width) => (
          <BarChart width={width} height={200} data={distribution}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="rating" />
            <YAxis allowDecimals={false} width={40} />
            <Tooltip />
            <Bar dataKey="count" name={t('satisfaction.distribution.count')}>
              {distribution.map((d) => (
                <Cell key={d.rating} fill={d.fill} />
              ))}
            </Bar>
          </BarChart>
        )}
      </ChartFrame>
      <table className="tp-visually-hidden" data-testid="satisfaction-distribution-table">
        <caption>{t('satisfaction.distribution.title')}</caption>
        <tbody>
          {distribution.map((d) => (
            <tr key={d.rating}>
              <th scope="row">{t('satisfaction.distribution.rating', { rating: d.rating })}</th>
              <td>{d.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="tp-report-tables tp-satisfaction__tables">
        <SatisfactionTable
          title={t('satisfaction.tables.byTeam')}
          nameLabel={t('reports.filters.team')}
          groups={data.byTeam}
          noneLabel={t('supervisor.teams.noTeam')}
          testId="satisfaction-by-team"
        />
        <SatisfactionTable
          title={t('satisfaction.tables.byChannel')}
          nameLabel={t('reports.filters.channel')}
          groups={data.byChannel.map((g) => ({
            ...g,
            name: t(`inbox.channelKinds.${g.key}`),
          }))}
          noneLabel={none}
          testId="satisfaction-by-channel"
        />
        <SatisfactionTable
          title={t('satisfaction.tables.byAgent')}
          nameLabel={t('reports.filters.agent')}
          groups={data.byAgent}
          noneLabel={t('satisfaction.tables.noOwner')}
          testId="satisfaction-by-agent"
        />
      </div>
    </div>
  );
}
