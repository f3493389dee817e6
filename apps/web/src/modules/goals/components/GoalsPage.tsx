import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GoalDto, Role } from '@touchpoint/shared';
import { downloadCsv } from '../../../lib/csv';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { Button } from '../../../ui/Button';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { EmptyState } from '../../../ui/EmptyState';
import { PageHeader } from '../../../ui/PageHeader';
import { RetryAlert } from '../../../ui/RetryAlert';
import { Skeleton } from '../../../ui/Skeleton';
import { useMe } from '../../auth/hooks/useMe';
import { useDirectory } from '../../handoffs/hooks/useDirectory';
import { goalsCsv } from '../format/goals-csv';
import { useDeleteGoal } from '../hooks/useGoalChanges';
import { useGoals } from '../hooks/useGoals';
import { GoalCard } from './GoalCard';
import { GoalDialog } from './GoalDialog';
import '../../../ui/reports.css';
import './goals.css';

/** Who may agree, change and remove goals; everyone else reads them. */
const GOAL_EDITORS: readonly Role[] = ['supervisor', 'manager', 'admin'];

type Editing = { mode: 'new' } | { mode: 'edit'; goal: GoalDto } | null;

/** `/goals` (everyone): the targets the teams share, their current value, trend and who holds them back. */
export function GoalsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const goals = useGoals();
  const directory = useDirectory();
  const remove = useDeleteGoal();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<GoalDto | null>(null);
  const mayEdit = me ? GOAL_EDITORS.includes(me.role) : false;
  const teams = directory.data?.teams ?? [];
  const teamNames = (id: string) => teams.find((team) => team.id === id)?.name;

  let body;
  if (goals.isPending) body = <Skeleton rows={4} variant="card" label={t('goals.loading')} />;
  else if (goals.isError)
    body = (
      <RetryAlert
        title={t('goals.loadFailed')}
        retryLabel={t('supervisor.retry')}
        onRetry={() => void goals.refetch()}
      >
        {apiErrorMessage(goals.error, t)}
      </RetryAlert>
    );
  else if (goals.data.length === 0)
    body = (
      <EmptyState
        icon="goal"
        title={t('goals.empty')}
        hint={mayEdit ? t('goals.emptyEditorHint') : t('goals.emptyHint')}
        data-testid="goals-empty"
      />
    );
  else
    body = (
      <div className="tp-goals__list">
        {goals.data.map((goal) => (
          <GoalCard
            key={goal.id}
            goal={goal}
            teamNames={teamNames}
            onEdit={mayEdit ? () => setEditing({ mode: 'edit', goal }) : undefined}
            onDelete={
              mayEdit
                ? () => {
                    remove.reset();
                    setDeleting(goal);
                  }
                : undefined
            }
          />
        ))}
      </div>
    );

  return (
    <section className="tp-goals" aria-labelledby="goals-title" data-testid="page-goals">
      <PageHeader titleId="goals-title" title={t('nav.goals')} intro={t('goals.intro')} />
      <div className="tp-goals__actions">
        {goals.data && goals.data.length > 0 ? (
          <Button
            variant="secondary"
            onClick={() => downloadCsv('touchpoint-goals.csv', goalsCsv(goals.data))}
            data-testid="goals-csv"
          >
            {t('goals.csv')}
          </Button>
        ) : null}
        {mayEdit ? (
          <Button onClick={() => setEditing({ mode: 'new' })} data-testid="goal-new">
            {t('goals.new')}
          </Button>
        ) : null}
      </div>
      {body}
      {editing ? (
        <GoalDialog
          goal={editing.mode === 'edit' ? editing.goal : undefined}
          teams={teams}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('goals.deleteDialog.title', { name: deleting.name })}
          description={t('goals.deleteDialog.body')}
          confirmLabel={t('goals.delete')}
          cancelLabel={t('goals.form.cancel')}
          closeLabel={t('goals.form.close')}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
          onClose={() => setDeleting(null)}
          busy={remove.isPending}
          failure={remove.isError ? { message: apiErrorMessage(remove.error, t) } : undefined}
          data-testid="goal-delete-dialog"
          confirmTestId="goal-delete-confirm"
          failureTestId="goal-delete-error"
        />
      ) : null}
    </section>
  );
}
