import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CHANNEL_KINDS,
  reportQuerySchema,
  type ReportDurationDto,
  type ReportOverviewDto,
  type ReportQueryInput,
} from '@touchpoint/shared';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { Button } from '../../../ui/Button';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import { formatDuration } from '../../handoffs/format/handoff-sla';
import { useTeams } from '../../settings/hooks/useTeams';
import { useUsers } from '../../settings/hooks/useUsers';
import { downloadCsv } from '../../../lib/csv';
import { queryFieldErrors } from '../../../lib/query-field-errors';
import { useRangeParams } from '../../../lib/useRangeParams';
import { RangeFilterForm } from '../../../ui/RangeFilterForm';
import { reportCsv } from '../format/report-csv';
import { useReport } from '../hooks/useReport';
import { ReportCharts } from './ReportCharts';
import '../../../ui/reports.css';

type Field = 'from' | 'to' | 'teamId' | 'channelKind' | 'agentId';
const FIELDS: readonly Field[] = ['from', 'to', 'teamId', 'channelKind', 'agentId'];
const DEFAULT_DAYS = 30;

/**
 * `/supervisor/reports`: the figures of a date range (the last 30 days unless chosen), for the
 * whole workspace or one team, channel or agent, kept in the address so a report can be shared.
 * Charts, tables and a CSV of the same numbers.
 */
export function ReportsView() {
  const { t } = useTranslation();
  const range = useRangeParams(DEFAULT_DAYS);
  const zone = range.zone;
  const query: ReportQueryInput = {
    from: range.from,
    to: range.to,
    timeZone: zone,
    teamId: range.get('teamId'),
    channelKind: range.get('channelKind') as ReportQueryInput['channelKind'],
    agentId: range.get('agentId'),
  };
  const valid = reportQuerySchema.safeParse(query).success;
  const report = useReport(valid ? query : null);
  const teams = useTeams();
  const users = useUsers();
  const errors = queryFieldErrors(reportQuerySchema, query, report.error, FIELDS);
  const ids = { figures: useId() };

  const download = (data: ReportOverviewDto) =>
    downloadCsv(`touchpoint-report-${data.from}-${data.to}.csv`, reportCsv(data));

  const data = report.data;
  return (
    <div className="tp-reports" data-testid="reports">
      <RangeFilterForm<Exclude<Field, 'from' | 'to'>>
        label={t('reports.filters.label')}
        testPrefix="report"
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
          {
            field: 'agentId',
            label: t('reports.filters.agent'),
            options: (users.data ?? []).map((user) => ({ value: user.id, label: user.name })),
          },
        ]}
      />

      {!valid ? null : report.isPending ? (
        <Skeleton rows={6} variant="card" label={t('reports.loading')} />
      ) : report.isError && !data ? (
        report.error.status === 400 ? null : (
          <RetryAlert
            title={t('reports.loadFailed')}
            retryLabel={t('supervisor.retry')}
            onRetry={() => void report.refetch()}
          >
            {apiErrorMessage(report.error, t)}
          </RetryAlert>
        )
      ) : data ? (
        <div aria-busy={report.isFetching} className="tp-report-body">
          <div className="tp-report-actions">
            <Button variant="secondary" onClick={() => download(data)} data-testid="report-csv">
              {t('reports.csv')}
            </Button>
          </div>
          <Figures report={data} titleId={ids.figures} />
          <ReportCharts report={data} />
          <PairTables report={data} />
        </div>
      ) : null}
    </div>
  );
}

function Figures({ report, titleId }: { report: ReportOverviewDto; titleId: string }) {
  const { t } = useTranslation();
  const share = (n: number, of: number) =>
    of > 0 ? t('reports.share', { percent: Math.round((n / of) * 100) }) : '–';
  const median = (d: ReportDurationDto) =>
    d.medianSeconds === null ? '–' : formatDuration(d.medianSeconds * 1000, t);
  const spread = (d: ReportDurationDto) =>
    [
      d.p90Seconds === null
        ? null
        : t('reports.p90', { duration: formatDuration(d.p90Seconds * 1000, t) }),
      t('reports.measured', { count: d.count }),
    ]
      .filter(Boolean)
      .join(' · ');
  const { totals } = report;
  const figures: { key: string; label: string; value: string | number; detail?: string }[] = [
    {
      key: 'conversations',
      label: t('reports.figures.conversations'),
      value: totals.conversations,
    },
    { key: 'resolved', label: t('reports.figures.resolved'), value: totals.resolved },
    {
      key: 'firstResponse',
      label: t('reports.figures.firstResponse'),
      value: median(report.firstResponse),
      detail: spread(report.firstResponse),
    },
    {
      key: 'resolution',
      label: t('reports.figures.resolution'),
      value: median(report.resolution),
      detail: spread(report.resolution),
    },
    {
      key: 'oneTouch',
      label: t('reports.figures.oneTouch'),
      value: share(totals.oneTouch, totals.resolved),
      detail: t('reports.ofResolved', { count: totals.oneTouch }),
    },
    {
      key: 'bounced',
      label: t('reports.figures.bounced'),
      value: share(totals.bounced, totals.conversations),
      detail: t('reports.ofConversations', { count: totals.bounced }),
    },
    {
      key: 'switched',
      label: t('reports.figures.switched'),
      value: share(totals.switchedChannel, totals.conversations),
      detail: t('reports.ofConversations', { count: totals.switchedChannel }),
    },
  ];
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId} className="tp-supervisor__heading">
        {t('reports.figures.title', { from: report.from, to: report.to })}
      </h2>
      <dl className="tp-report-figures">
        {figures.map((f) => (
          <div key={f.key} className="tp-report-figure" data-testid={`figure-${f.key}`}>
            <dt>{f.label}</dt>
            <dd className="tp-report-figure__value">{f.value}</dd>
            {f.detail && <dd className="tp-report-figure__detail">{f.detail}</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Consults per pair of teams, and moves between teams: tables, as the names matter more than bars. */
function PairTables({ report }: { report: ReportOverviewDto }) {
  const { t } = useTranslation();
  const team = (ref: { name: string } | null) => ref?.name ?? t('supervisor.teams.noTeam');
  const time = (d: ReportDurationDto) =>
    d.medianSeconds === null
      ? '–'
      : t('reports.medianP90', {
          median: formatDuration(d.medianSeconds * 1000, t),
          p90: formatDuration((d.p90Seconds ?? d.medianSeconds) * 1000, t),
        });
  return (
    <div className="tp-report-tables">
      <section>
        <h2 className="tp-supervisor__heading">{t('reports.consults.title')}</h2>
        {report.consults.length === 0 ? (
          <p className="tp-supervisor__empty">{t('reports.consults.empty')}</p>
        ) : (
          <table className="tp-report-table" data-testid="report-consults">
            <thead>
              <tr>
                <th scope="col">{t('reports.consults.pair')}</th>
                <th scope="col">{t('reports.consults.asked')}</th>
                <th scope="col">{t('reports.consults.accept')}</th>
                <th scope="col">{t('reports.consults.answer')}</th>
              </tr>
            </thead>
            <tbody>
              {report.consults.map((c) => (
                <tr key={`${c.fromTeam?.id ?? ''}>${c.toTeam?.id ?? ''}`}>
                  <th scope="row">
                    {t('supervisor.flow.pair', { from: team(c.fromTeam), to: team(c.toTeam) })}
                  </th>
                  <td>{c.asked}</td>
                  <td>{time(c.accept)}</td>
                  <td>{time(c.answer)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h2 className="tp-supervisor__heading">{t('reports.moves.title')}</h2>
        {report.teamMoves.length === 0 ? (
          <p className="tp-supervisor__empty">{t('reports.moves.empty')}</p>
        ) : (
          <table className="tp-report-table" data-testid="report-moves">
            <thead>
              <tr>
                <th scope="col">{t('reports.consults.pair')}</th>
                <th scope="col">{t('reports.moves.moves')}</th>
              </tr>
            </thead>
            <tbody>
              {report.teamMoves.map((m) => (
                <tr key={`${m.fromTeam?.id ?? ''}>${m.toTeam?.id ?? ''}`}>
                  <th scope="row">
                    {t('supervisor.flow.pair', { from: team(m.fromTeam), to: team(m.toTeam) })}
                  </th>
                  <td>{m.moves}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
