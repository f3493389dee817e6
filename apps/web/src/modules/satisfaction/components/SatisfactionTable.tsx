import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SatisfactionGroupDto } from '@touchpoint/shared';
import { formatAverage, formatRate } from '../format/satisfaction-text';

type SortKey = 'average' | 'rated';

/** Best first by the chosen column; groups without ratings last. */
function sorted(groups: readonly SatisfactionGroupDto[], key: SortKey): SatisfactionGroupDto[] {
  const value = (g: SatisfactionGroupDto) => (key === 'average' ? g.average : g.rated);
  return [...groups].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === y) return b.requested - a.requested || a.name.localeCompare(b.name);
    if (x === null) return 1;
    if (y === null) return -1;
    return y - x;
  });
}

export interface SatisfactionTableProps {
  title: string;
  /** Heading of the first column ("Team", "Channel", "Agent"). */
  nameLabel: string;
  groups: readonly SatisfactionGroupDto[];
  /** The name of a group without one (a conversation without a team or owner). */
  noneLabel: string;
  testId: string;
}

/** One row per team, channel or agent, sortable by mean rating or by the number of ratings. */
export function SatisfactionTable({
  title,
  nameLabel,
  groups,
  noneLabel,
  testId,
}: SatisfactionTableProps) {
  const { t } = useTranslation();
  const [sortKey, setSortKey] = useState<SortKey>('rated');
  const header = (key: SortKey, label: string) => (
    <th scope="col" aria-sort={sortKey === key ? 'descending' : 'none'}>
      <button
        type="button"
        className="tp-satisfaction__sort"
        onClick={() => setSortKey(key)}
        aria-pressed={sortKey === key}
        data-testid={`${testId}-sort-${key}`}
      >
        {label}
        {sortKey === key ? <span aria-hidden="true"> ↓</span> : null}
      </button>
    </th>
  );
  return (
    <section>
      <h2 className="tp-supervisor__heading">{title}</h2>
      {groups.length === 0 ? (
        <p className="tp-supervisor__empty">{t('satisfaction.tables.empty')}</p>
      ) : (
        <table className="tp-report-table" data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">{nameLabel}</th>
              <th scope="col">{t('satisfaction.figures.requested')}</th>
              {header('rated', t('satisfaction.figures.rated'))}
              <th scope="col">{t('satisfaction.figures.responseRate')}</th>
              {header('average', t('satisfaction.figures.average'))}
            </tr>
          </thead>
          <tbody>
            {sorted(groups, sortKey).map((group) => (
              <tr key={group.key ?? ''}>
                <th scope="row">{group.key === null ? noneLabel : group.name}</th>
                <td>{group.requested}</td>
                <td>{group.rated}</td>
                <td>{formatRate(group.responseRate, t)}</td>
                <td>{formatAverage(group.average, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
