import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JourneyNodeDto, JourneyPathDto } from '@touchpoint/shared';
import { indexNodes, nodeLabel, nodeType } from '../format/journey-nodes';
import { useCsatText } from '../hooks/useCsatText';
import type { Drill } from './JourneyDrillDown';

/** The journeys taken, one row per path: its stops as chips, how many, how it ended, ratings. */
export function JourneyPaths({
  paths,
  nodes,
  tableId,
  onDrill,
}: {
  paths: JourneyPathDto[];
  nodes: JourneyNodeDto[];
  tableId: string;
  onDrill: (drill: Drill) => void;
}) {
  const { t } = useTranslation();
  const [order, setOrder] = useState<'descending' | 'ascending'>('descending');
  const index = indexNodes(nodes);
  const csatText = useCsatText();
  const sorted = [...paths].sort((a, b) =>
    order === 'descending' ? b.count - a.count : a.count - b.count,
  );
  return (
    <section aria-labelledby={`${tableId}-title`}>
      <h2 id={`${tableId}-title`} className="tp-supervisor__heading">
        {t('journeys.paths.title')}
      </h2>
      {paths.length === 0 ? (
        <p className="tp-supervisor__empty">{t('journeys.paths.empty')}</p>
      ) : (
        <table id={tableId} className="tp-report-table" data-testid="journey-paths">
          <thead>
            <tr>
              <th scope="col">{t('journeys.paths.path')}</th>
              <th scope="col" aria-sort={order}>
                <button
                  type="button"
                  className="tp-journey-sort"
                  onClick={() => setOrder(order === 'descending' ? 'ascending' : 'descending')}
                  data-testid="journey-paths-sort"
                >
                  {t('journeys.paths.count')}
                  <span aria-hidden="true">{order === 'descending' ? ' ↓' : ' ↑'}</span>
                </button>
              </th>
              <th scope="col">{t('journeys.paths.outcome')}</th>
              <th scope="col">{t('journeys.paths.csat')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((path) => {
              const names = path.nodes.map((key) => nodeLabel(key, index, t));
              const title = names.join(' → ');
              return (
                <tr key={path.key} data-testid="journey-path">
                  <th scope="row">
                    <span className="tp-visually-hidden">{title}</span>
                    <span className="tp-journey-chips" aria-hidden="true">
                      {path.nodes.map((key, i) => (
                        <span
                          key={key}
                          className={`tp-journey-chip tp-journey-chip--${nodeType(key)}`}
                        >
                          {names[i]}
                        </span>
                      ))}
                    </span>
                  </th>
                  <td>
                    <button
                      type="button"
                      className="tp-journey-number"
                      aria-label={t('journeys.paths.countButton', {
                        path: title,
                        count: path.count,
                      })}
                      onClick={() => onDrill({ key: path.key, title, count: path.count })}
                    >
                      {path.count}
                    </button>
                  </td>
                  <td>
                    <span className={`tp-journey-outcome tp-journey-outcome--${path.outcome}`}>
                      {t(`journeys.outcomes.${path.outcome}`)}
                    </span>
                  </td>
                  <td>{csatText(path.csat) ?? '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
