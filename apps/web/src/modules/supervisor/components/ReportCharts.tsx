import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { REPORT_BUCKET_MAX, type ChannelKind, type ReportOverviewDto } from '@touchpoint/shared';
import { ChartFrame } from './ChartFrame';

/** Channel colours, readable on white and told apart by people with the common colour blindness. */
const CHANNEL_COLOURS: Record<ChannelKind | 'none', string> = {
  email: '#2f6db5',
  form: '#7a5195',
  webchat: '#1b9e77',
  api: '#6b7280',
  twilio: '#d95f02',
  whatsapp: '#3f8f3f',
  messenger: '#4c6ef5',
  instagram: '#c2185b',
  telegram: '#0f8fb3',
  none: '#9ca3af',
};
const OPENED = '#2f6db5';
const RESOLVED = '#1b9e77';
const BACKLOG = '#d95f02';

/** The report's charts: days with the backlog, the hours by channel, bounces and channel switches. */
export function ReportCharts({ report }: { report: ReportOverviewDto }) {
  const { t } = useTranslation();
  const channels = [...new Set(report.volume.map((v) => v.channelKind ?? 'none'))];
  const channelName = (kind: ChannelKind | 'none') =>
    kind === 'none' ? t('reports.noChannel') : t(`inbox.channelKinds.${kind}`);
  const hours = Array.from({ length: 24 }, (_, hour) => {
    const row: Record<string, number | string> = { hour: `${String(hour).padStart(2, '0')}` };
    for (const v of report.volume.filter((x) => x.hour === hour))
      row[v.channelKind ?? 'none'] = v.conversations;
    return row;
  });
  const bucket = (n: number) => (n >= REPORT_BUCKET_MAX ? `${n}+` : String(n));
  const days = report.days.map((d) => ({ ...d, label: d.date.slice(5) }));

  return (
    <div className="tp-report-charts">
      <ChartFrame label={t('reports.charts.days')} height={260} testId="report-chart-days">
        {(width) => (
          <ComposedChart width={width} height={260} data={days}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" minTickGap={12} />
            <YAxis allowDecimals={false} width={40} />
            <Tooltip />
            <Legend />
            <Bar dataKey="opened" name={t('reports.series.opened')} fill={OPENED} />
            <Bar dataKey="resolved" name={t('reports.series.resolved')} fill={RESOLVED} />
            <Line
              dataKey="backlog"
              name={t('reports.series.backlog')}
              stroke={BACKLOG}
              strokeWidth={2}
              dot={false}
              type="monotone"
            />
          </ComposedChart>
        )}
      </ChartFrame>
      <ChartFrame label={t('reports.charts.hours')} height={260} testId="report-chart-hours">
        {(width) => (
          <BarChart width={width} height={260} data={hours}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="hour" />
            <YAxis allowDecimals={false} width={40} />
            <Tooltip />
            <Legend />
            {channels.map((kind) => (
              <Bar
                key={kind}
                dataKey={kind}
                name={channelName(kind)}
                stackId="channels"
                fill={CHANNEL_COLOURS[kind]}
              />
            ))}
          </BarChart>
        )}
      </ChartFrame>
      <div className="tp-report-charts__pair">
        <ChartFrame label={t('reports.charts.bounces')} height={200} testId="report-chart-bounces">
          {(width) => (
            <BarChart
              width={width}
              height={200}
              data={report.bounces.map((b) => ({ ...b, label: bucket(b.changes) }))}
            >
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" />
              <YAxis allowDecimals={false} width={40} />
              <Tooltip />
              <Bar dataKey="conversations" name={t('reports.series.conversations')} fill={OPENED} />
            </BarChart>
          )}
        </ChartFrame>
        <ChartFrame
          label={t('reports.charts.switches')}
          height={200}
          testId="report-chart-switches"
        >
          {(width) => (
            <BarChart
              width={width}
              height={200}
              data={report.channelSwitches.map((s) => ({ ...s, label: bucket(s.switches) }))}
            >
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" />
              <YAxis allowDecimals={false} width={40} />
              <Tooltip />
              <Bar
                dataKey="conversations"
                name={t('reports.series.conversations')}
                fill={RESOLVED}
              />
            </BarChart>
          )}
        </ChartFrame>
      </div>
    </div>
  );
}
