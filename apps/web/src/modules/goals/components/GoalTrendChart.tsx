import { useTranslation } from 'react-i18next';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { GoalDto } from '@touchpoint/shared';
import { ChartFrame } from '../../supervisor/components/ChartFrame';
import { formatGoalValue, isShareKind } from '../format/goal-text';

const VALUE = '#2f6db5';
const TARGET = '#d95f02';

/** The goal's last 8 weeks, oldest first, with its target as a dashed line. */
export function GoalTrendChart({ goal }: { goal: GoalDto }) {
  const { t, i18n } = useTranslation();
  const share = isShareKind(goal.kind);
  const scale = (value: number | null) =>
    value === null ? null : share ? Math.round(value * 1000) / 10 : value;
  const week = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'numeric' });
  const data = goal.trend.map((point) => ({
    label: week.format(new Date(point.weekStart)),
    value: scale(point.value),
    count: point.count,
  }));
  return (
    <ChartFrame label={t('goals.trend.title')} height={150} testId={`goal-trend-${goal.id}`}>
      {(width) => (
        <LineChart width={width} height={150} data={data} margin={{ top: 8, right: 12 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis
            width={40}
            fontSize={12}
            domain={share ? [0, 100] : [1, 5]}
            tickFormatter={(value: number) => (share ? `${value}` : value.toFixed(1))}
          />
          <Tooltip
            formatter={(value) =>
              formatGoalValue(
                goal.kind,
                typeof value === 'number' ? (share ? value / 100 : value) : null,
                t,
              )
            }
          />
          <ReferenceLine
            y={scale(goal.target) ?? undefined}
            stroke={TARGET}
            strokeDasharray="6 4"
            label={{ value: t('goals.trend.target'), position: 'insideTopRight', fontSize: 12 }}
          />
          <Line
            dataKey="value"
            name={t('goals.trend.value')}
            stroke={VALUE}
            strokeWidth={2}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      )}
    </ChartFrame>
  );
}
