import { useTranslation } from 'react-i18next';
import type { JourneyMomentDto, JourneyNodeDto } from '@touchpoint/shared';
import { formatDuration } from '../../handoffs/format/handoff-sla';
import { indexNodes, nodeLabel } from '../format/journey-nodes';
import type { Drill } from './JourneyDrillDown';

/**
 * The moments that matter, as the API ranks them (worst first): where customers wait longest or
 * are never answered. Each opens the conversations that went through it.
 */
export function JourneyMoments({
  moments,
  nodes,
  onDrill,
}: {
  moments: JourneyMomentDto[];
  nodes: JourneyNodeDto[];
  onDrill: (drill: Drill) => void;
}) {
  const { t } = useTranslation();
  const index = indexNodes(nodes);
  const text = (m: JourneyMomentDto) => {
    const step = t(`journeys.moments.kind.${m.kind}`, {
      from: nodeLabel(m.from, index, t),
      to: nodeLabel(m.to, index, t),
    });
    const never = Math.round(m.unansweredShare * 100);
    if (m.medianSeconds === null)
      return { step, sentence: t(`journeys.moments.none.${m.kind}`, { step }) };
    const wait = t(`journeys.moments.median.${m.kind}`, {
      duration: formatDuration(m.medianSeconds * 1000, t),
    });
    return {
      step,
      sentence:
        never > 0
          ? t(`journeys.moments.sentenceNever.${m.kind}`, { step, wait, percent: never })
          : t('journeys.moments.sentence', { step, wait }),
    };
  };
  return (
    <section aria-labelledby="journey-moments-title">
      <h2 id="journey-moments-title" className="tp-supervisor__heading">
        {t('journeys.moments.title')}
      </h2>
      {moments.length === 0 ? (
        <p className="tp-supervisor__empty">{t('journeys.moments.empty')}</p>
      ) : (
        <ol className="tp-journey-moments" data-testid="journey-moments">
          {moments.map((m) => {
            const { step, sentence } = text(m);
            return (
              <li key={m.key}>
                <button
                  type="button"
                  className="tp-journey-moment"
                  onClick={() => onDrill({ key: m.key, title: step, count: m.count })}
                  data-testid="journey-moment"
                >
                  <span className="tp-journey-moment__text">{sentence}</span>
                  <span className="tp-journey-moment__detail">
                    {[
                      t('journeys.conversations', { count: m.count }),
                      m.p90Seconds === null
                        ? null
                        : t('reports.p90', { duration: formatDuration(m.p90Seconds * 1000, t) }),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
