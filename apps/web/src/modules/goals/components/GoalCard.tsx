import { useTranslation } from 'react-i18next';
import type { GoalDto } from '@touchpoint/shared';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import {
  breakdownLabel,
  formatGoalTarget,
  formatGoalValue,
  goalDefinition,
  goalState,
  type GoalState,
  type TeamNames,
} from '../format/goal-text';
import { GoalTrendChart } from './GoalTrendChart';

const STATE_ICONS = { holds: 'check', misses: 'alert', noData: 'clock' } as const;

/** Holds, misses or no data: an icon and a word, the colour only repeats it. */
export function GoalStateBadge({ state, testId }: { state: GoalState; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className={`tp-goal-state tp-goal-state--${state}`} data-testid={testId}>
      <Icon name={STATE_ICONS[state]} size={14} />
      {t(`goals.state.${state}`)}
    </span>
  );
}

export interface GoalCardProps {
  goal: GoalDto;
  teamNames: TeamNames;
  /** Given to those who may change goals. */
  onEdit?: () => void;
  onDelete?: () => void;
}

/** One goal: what it means, its value against the target, the trend and who holds it back. */
export function GoalCard({ goal, teamNames, onEdit, onDelete }: GoalCardProps) {
  const { t } = useTranslation();
  const titleId = `goal-${goal.id}-title`;
  const state = goalState(goal.holds);
  return (
    <article
      className={`tp-goal tp-goal--${state}`}
      aria-labelledby={titleId}
      data-testid={`goal-${goal.id}`}
    >
      <header className="tp-goal__head">
        <div>
          <h2 id={titleId} className="tp-goal__name">
            {goal.name}
          </h2>
          <p className="tp-goal__definition" data-testid="goal-definition">
            {goalDefinition(goal, teamNames, t)}
          </p>
        </div>
        {onEdit || onDelete ? (
          <div className="tp-goal__actions">
            {onEdit ? (
              <Button
                variant="secondary"
                onClick={onEdit}
                aria-label={t('goals.editNamed', { name: goal.name })}
                data-testid="goal-edit"
              >
                {t('goals.edit')}
              </Button>
            ) : null}
            {onDelete ? (
              <Button
                variant="ghost"
                onClick={onDelete}
                aria-label={t('goals.deleteNamed', { name: goal.name })}
                data-testid="goal-delete"
              >
                {t('goals.delete')}
              </Button>
            ) : null}
          </div>
        ) : null}
      </header>
      <dl className="tp-goal__figures">
        <div className="tp-report-figure">
          <dt>{t('goals.current')}</dt>
          <dd className="tp-report-figure__value" data-testid="goal-value">
            {formatGoalValue(goal.kind, goal.current.value, t)}
          </dd>
          <dd className="tp-report-figure__detail">
            {t(`goals.counted.${goal.kind}`, { count: goal.current.count })}
          </dd>
        </div>
        <div className="tp-report-figure">
          <dt>{t('goals.target')}</dt>
          <dd className="tp-report-figure__value" data-testid="goal-target">
            {formatGoalTarget(goal, t)}
          </dd>
          <dd className="tp-report-figure__detail">
            <GoalStateBadge state={state} testId="goal-state" />
          </dd>
        </div>
      </dl>
      <GoalTrendChart goal={goal} />
      <section className="tp-goal__breakdown" aria-label={t('goals.breakdown.title')}>
        <h3 className="tp-goal__subheading">{t('goals.breakdown.title')}</h3>
        {goal.breakdown.length === 0 ? (
          <p className="tp-supervisor__empty">{t('goals.breakdown.empty')}</p>
        ) : (
          <table className="tp-report-table" data-testid="goal-breakdown">
            <thead>
              <tr>
                <th scope="col">
                  {t(
                    goal.kind === 'consult_accept_within'
                      ? 'goals.breakdown.pair'
                      : 'goals.breakdown.team',
                  )}
                </th>
                <th scope="col">{t('goals.breakdown.value')}</th>
                <th scope="col">{t('goals.breakdown.count')}</th>
                <th scope="col">{t('goals.breakdown.state')}</th>
              </tr>
            </thead>
            <tbody>
              {goal.breakdown.map((row) => (
                <tr key={`${row.fromTeam?.id ?? ''}>${row.toTeam?.id ?? ''}`}>
                  <th scope="row">{breakdownLabel(row, goal.kind, t)}</th>
                  <td>{formatGoalValue(goal.kind, row.value, t)}</td>
                  <td>{row.count}</td>
                  <td>
                    <GoalStateBadge state={goalState(row.value === null ? null : row.holds)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </article>
  );
}
