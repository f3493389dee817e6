import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { GOAL_KINDS, type GoalDto, type GoalKind } from '@touchpoint/shared';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { describedBy, fieldIds, SettingsField } from '../../settings/components/SettingsField';
import {
  emptyGoalDraft,
  goalDraft,
  goalRequest,
  serverGoalErrors,
  withKind,
  type GoalDraft,
  type GoalField,
  type GoalFieldErrors,
} from '../format/goal-form';
import { hasMinutes, isShareKind } from '../format/goal-text';
import { useCreateGoal, useUpdateGoal } from '../hooks/useGoalChanges';

export interface GoalDialogProps {
  /** The goal to change; none: a new one. */
  goal?: GoalDto;
  teams: readonly { id: string; name: string }[];
  onClose: () => void;
}

/**
 * A new goal (its kind, teams, minutes and target) or a change of one (the kind stays). What the
 * server refuses shows at the field it names.
 */
export function GoalDialog({ goal, teams, onClose }: GoalDialogProps) {
  const { t } = useTranslation();
  const base = useId();
  const create = useCreateGoal();
  const update = useUpdateGoal();
  const [draft, setDraft] = useState<GoalDraft>(() => (goal ? goalDraft(goal) : emptyGoalDraft()));
  const [errors, setErrors] = useState<GoalFieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const saving = create.isPending || update.isPending;

  const change = (field: GoalField, value: string) => {
    setDraft((current) =>
      field === 'kind' ? withKind(current, value as GoalKind) : { ...current, [field]: value },
    );
    setErrors((current) => ({ ...current, [field]: undefined }));
  };

  const refused = (error: unknown) => {
    const server = serverGoalErrors(error);
    setErrors(server.fields);
    setFailure(server.other ? error : null);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request = goalRequest(draft, t);
    setFailure(null);
    if (request.errors) {
      setErrors(request.errors);
      return;
    }
    setErrors({});
    const { body } = request;
    if (goal)
      update.mutate(
        { id: goal.id, body: { name: body.name, params: body.params, target: body.target } },
        { onSuccess: onClose, onError: refused },
      );
    else create.mutate(body, { onSuccess: onClose, onError: refused });
  };

  const ids = (field: GoalField) => fieldIds(base, field);
  const teamSelect = (field: 'fromTeamId' | 'toTeamId' | 'teamId', label: string, hint: string) => (
    <SettingsField ids={ids(field)} label={label} hint={hint} error={errors[field]}>
      <select
        id={ids(field).control}
        className="tp-field__input"
        value={draft[field]}
        onChange={(event) => change(field, event.target.value)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={describedBy(ids(field), true, errors[field])}
        data-testid={`goal-form-${field}`}
      >
        <option value="">{t('goals.form.anyTeam')}</option>
        {teams.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </select>
    </SettingsField>
  );
  const input = (
    field: 'name' | 'minutes' | 'target',
    label: string,
    hint?: string,
    extra?: ReactNode,
  ) => (
    <SettingsField ids={ids(field)} label={label} hint={hint} error={errors[field]}>
      <div className="tp-goal-form__input">
        <input
          id={ids(field).control}
          className="tp-field__input"
          value={draft[field]}
          inputMode={field === 'name' ? undefined : 'decimal'}
          onChange={(event) => change(field, event.target.value)}
          aria-invalid={errors[field] ? true : undefined}
          aria-describedby={describedBy(ids(field), Boolean(hint), errors[field])}
          data-autofocus={field === 'name' ? true : undefined}
          data-testid={`goal-form-${field}`}
        />
        {extra}
      </div>
    </SettingsField>
  );

  const share = isShareKind(draft.kind);
  return (
    <Dialog
      title={goal ? t('goals.form.editTitle', { name: goal.name }) : t('goals.form.newTitle')}
      description={t('goals.form.intro')}
      closeLabel={t('goals.form.close')}
      onClose={onClose}
      data-testid="goal-dialog"
    >
      <form className="tp-goal-form" onSubmit={submit} noValidate>
        {input('name', t('goals.form.name'), t('goals.form.nameHint'))}
        <SettingsField
          ids={ids('kind')}
          label={t('goals.form.kind')}
          hint={goal ? t('goals.form.kindFixed') : t(`goals.kinds.${draft.kind}Hint`)}
          error={errors.kind}
        >
          <select
            id={ids('kind').control}
            className="tp-field__input"
            value={draft.kind}
            disabled={Boolean(goal)}
            onChange={(event) => change('kind', event.target.value)}
            aria-describedby={describedBy(ids('kind'), true, errors.kind)}
            data-testid="goal-form-kind"
          >
            {GOAL_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`goals.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </SettingsField>
        {draft.kind === 'consult_accept_within' ? (
          <>
            {teamSelect('fromTeamId', t('goals.form.fromTeam'), t('goals.form.fromTeamHint'))}
            {teamSelect('toTeamId', t('goals.form.toTeam'), t('goals.form.toTeamHint'))}
          </>
        ) : (
          teamSelect('teamId', t('goals.form.team'), t('goals.form.teamHint'))
        )}
        {hasMinutes(draft.kind)
          ? input(
              'minutes',
              t('goals.form.minutes'),
              t('goals.form.minutesHint'),
              <span className="tp-goal-form__unit">{t('goals.form.minutesUnit')}</span>,
            )
          : null}
        {input(
          'target',
          t('goals.form.target'),
          share ? t('goals.form.percentHint') : t('goals.form.ratingHint'),
          share ? <span className="tp-goal-form__unit">%</span> : null,
        )}
        {failure ? (
          <Alert tone="error" data-testid="goal-form-error">
            {apiErrorMessage(failure, t)}
          </Alert>
        ) : null}
        <div className="tp-dialog__footer">
          <Button variant="ghost" onClick={onClose}>
            {t('goals.form.cancel')}
          </Button>
          <Button type="submit" busy={saving} data-testid="goal-form-submit">
            {goal ? t('goals.form.save') : t('goals.form.create')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
