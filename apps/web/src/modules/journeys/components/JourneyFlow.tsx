import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { JourneyOverviewDto } from '@touchpoint/shared';
import { formatDuration } from '../../handoffs/format/handoff-sla';
import { FLOW, layoutFlow } from '../format/journey-layout';
import { indexNodes, nodeLabel, nodeOutcome } from '../format/journey-nodes';
import { useCsatText } from '../hooks/useCsatText';
import type { Drill } from './JourneyDrillDown';

/**
 * The flow diagram: entry → first team → teams pulled in → outcome, bars and bands as thick as
 * their counts. The numbers are buttons that list the conversations behind them; the table of
 * journeys under it holds the same numbers for those who do not see the picture.
 */
export function JourneyFlow({
  journeys,
  tableId,
  onDrill,
}: {
  journeys: JourneyOverviewDto;
  tableId: string;
  onDrill: (drill: Drill) => void;
}) {
  const { t } = useTranslation();
  const ids = { title: useId(), note: useId() };
  const layout = useMemo(() => layoutFlow(journeys), [journeys]);
  const nodes = useMemo(() => indexNodes(journeys.nodes), [journeys.nodes]);
  const csatText = useCsatText();
  const label = (key: string) => nodeLabel(key, nodes, t);
  const median = (seconds: number | null) =>
    seconds === null ? null : formatDuration(seconds * 1000, t);

  return (
    <figure
      className="tp-report-chart tp-journey-flow"
      aria-labelledby={ids.title}
      aria-describedby={ids.note}
      data-testid="journey-flow"
    >
      <figcaption id={ids.title} className="tp-report-chart__title">
        {t('journeys.flow.title')}
      </figcaption>
      <p id={ids.note} className="tp-journey-flow__note">
        {t('journeys.flow.note')} <a href={`#${tableId}`}>{t('journeys.flow.toTable')}</a>
      </p>
      <div
        className="tp-journey-flow__scroll"
        role="region"
        aria-label={t('journeys.flow.scroll')}
        tabIndex={0}
      >
        <div
          className="tp-journey-flow__canvas"
          style={{ width: layout.width, height: layout.height }}
        >
          <svg
            width={layout.width}
            height={layout.height}
            aria-hidden="true"
            focusable="false"
            className="tp-journey-flow__svg"
          >
            {layout.edges.map(({ edge, d, width }) => (
              <path
                key={edge.key}
                d={d}
                strokeWidth={width}
                className={`tp-journey-band tp-journey-band--${nodeOutcome(edge.to) ?? 'step'}`}
              />
            ))}
            {layout.nodes.map((node) => (
              <rect
                key={node.key}
                x={node.x}
                y={node.y}
                width={FLOW.nodeWidth}
                height={node.height}
                rx={3}
                className={`tp-journey-bar tp-journey-bar--${nodeOutcome(node.key) ?? 'step'}`}
              />
            ))}
          </svg>
          {layout.nodes.map((node) => {
            const outcome = nodeOutcome(node.key);
            const csat = csatText(nodes.get(node.key)?.csat ?? { rated: 0, average: null });
            const name = label(node.key);
            return (
              <div
                key={node.key}
                className={`tp-journey-node tp-journey-node--${outcome ?? 'step'}`}
                style={{ left: node.x + FLOW.nodeWidth + 6, top: node.y, width: FLOW.labelWidth }}
                data-testid={`journey-node-${node.key}`}
              >
                <span className="tp-journey-node__name">{name}</span>
                {outcome ? (
                  <button
                    type="button"
                    className="tp-journey-number"
                    aria-label={t('journeys.flow.nodeButton', { name, count: node.count })}
                    onClick={() =>
                      onDrill({ key: `outcome:${outcome}`, title: name, count: node.count })
                    }
                  >
                    {node.count}
                  </button>
                ) : (
                  <span className="tp-journey-node__count">
                    {t('journeys.conversations', { count: node.count })}
                  </span>
                )}
                {csat && <span className="tp-journey-node__csat">{csat}</span>}
              </div>
            );
          })}
          {layout.edges.map(({ edge, labelX, labelY }) => {
            const title = t('journeys.step', { from: label(edge.from), to: label(edge.to) });
            const time = median(edge.medianSeconds);
            return (
              <button
                key={edge.key}
                type="button"
                className="tp-journey-number tp-journey-edge"
                style={{ left: labelX, top: labelY }}
                aria-label={
                  time
                    ? t('journeys.flow.edgeButtonTime', { step: title, count: edge.count, time })
                    : t('journeys.flow.edgeButton', { step: title, count: edge.count })
                }
                onClick={() => onDrill({ key: edge.key, title, count: edge.count })}
                data-testid={`journey-edge-${edge.key}`}
              >
                {edge.count}
                {time && <span className="tp-journey-edge__time">{time}</span>}
              </button>
            );
          })}
        </div>
      </div>
    </figure>
  );
}
