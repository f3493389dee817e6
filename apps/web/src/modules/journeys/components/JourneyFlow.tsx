import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JourneyOverviewDto } from '@touchpoint/shared';
import { formatDuration } from '../../handoffs/format/handoff-sla';
import { FLOW, layoutFlow } from '../format/journey-layout';
import { indexNodes, nodeLabel, nodeOutcome } from '../format/journey-nodes';
import { useCsatText } from '../hooks/useCsatText';
import type { Drill } from './JourneyDrillDown';

/**
 * The flow diagram by stage: entry → first team → teams pulled in → outcome, bars and bands as
 * thick as their counts, spread over the width there is (scrolling sideways only when too narrow). The numbers are buttons that list the conversations behind them; the table of
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
  const scroll = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number>(FLOW.fallbackWidth);
  useEffect(() => {
    const element = scroll.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const measure = () => {
      if (element.clientWidth > 0) setWidth(Math.floor(element.clientWidth));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const layout = useMemo(() => layoutFlow(journeys, width), [journeys, width]);
  const nodes = useMemo(() => indexNodes(journeys.nodes), [journeys.nodes]);
  const csatText = useCsatText();
  const label = (key: string) => nodeLabel(key, nodes, t);
  const last = layout.columns.length - 1;
  const stage = (column: number) =>
    column === 0
      ? t('journeys.flow.stages.entry')
      : column === 1
        ? t('journeys.flow.stages.first')
        : column === last
          ? t('journeys.flow.stages.outcome')
          : last === 3
            ? t('journeys.flow.stages.pulledIn')
            : column === 2
              ? t('journeys.flow.stages.pulledInFirst')
              : t('journeys.flow.stages.pulledInLater');
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
        ref={scroll}
        className="tp-journey-flow__scroll"
        role="region"
        aria-label={t('journeys.flow.scroll')}
        tabIndex={0}
      >
        <ol
          className="tp-journey-flow__stages"
          style={{ width: layout.width }}
          aria-label={t('journeys.flow.stages.label')}
          data-testid="journey-stages"
        >
          {layout.columns.map((x, column) => (
            <li key={x} style={{ left: x }}>
              {stage(column)}
            </li>
          ))}
        </ol>
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
            {layout.hops.map((hop) => (
              <path
                key={hop.key}
                d={hop.d}
                strokeWidth={hop.width}
                data-hop={hop.key}
                className={`tp-journey-band tp-journey-band--${nodeOutcome(hop.to.key) ?? 'step'}`}
              />
            ))}
            {layout.nodes.map((node) => (
              <rect
                key={node.id}
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
            const csat = csatText(node.csat);
            const name = label(node.key);
            return (
              <div
                key={node.id}
                className={`tp-journey-node tp-journey-node--${outcome ?? 'step'}`}
                style={{
                  left: node.x + FLOW.nodeWidth + FLOW.nodeGap,
                  top: node.y,
                  width: FLOW.labelWidth,
                }}
                data-testid={`journey-node-${node.id}`}
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
          {layout.hops.map((hop) => {
            const title = t('journeys.step', { from: label(hop.from.key), to: label(hop.to.key) });
            const time = median(hop.edge?.medianSeconds ?? null);
            return (
              // The button shows its count (its name says the step, count and median); the median
              // beside it is for the eye only, so the name holds all the button shows.
              <div
                key={hop.key}
                className="tp-journey-edge"
                style={{ left: hop.labelX, top: hop.labelY, maxWidth: FLOW.edgeLabelWidth }}
                data-testid={`journey-edge-${hop.key}`}
              >
                <button
                  type="button"
                  className="tp-journey-number"
                  aria-label={
                    time
                      ? t('journeys.flow.edgeButtonTime', { step: title, count: hop.count, time })
                      : t('journeys.flow.edgeButton', { step: title, count: hop.count })
                  }
                  onClick={() => onDrill({ key: hop.key, title, count: hop.count })}
                >
                  {hop.count}
                </button>
                {time && (
                  <span className="tp-journey-edge__time" aria-hidden="true">
                    {time}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </figure>
  );
}
