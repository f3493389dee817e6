import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  updateUserSchema,
  type Role,
  type TeamDto,
  type UpdateUserRequest,
  type UserDto,
} from '@touchpoint/shared';
import type { ApiError } from '../../../api/http';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { userServerErrors, type UserServerErrors } from '../format/user-form';
import { useUpdateUser } from '../hooks/useUpdateUser';
import { RoleField, TeamsField } from './UserAccessFields';

const NO_ERRORS: UserServerErrors = { fields: {}, other: [] };

export interface EditUserDialogProps {
  user: UserDto;
  teams: readonly TeamDto[];
  onClose: () => void;
}

/**
 * Changes what a colleague may do and where they work: role, teams and their own capacity for
 * automatic assignment (empty: their teams' setting); only what changed is sent.
 */
export function EditUserDialog({ user, teams, onClose }: EditUserDialogProps) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const [role, setRole] = useState<Role>(user.role);
  const [teamIds, setTeamIds] = useState<string[]>(() => user.teams.map((team) => team.id));
  const [capacity, setCapacity] = useState(user.capacity === null ? '' : String(user.capacity));
  const [capacityError, setCapacityError] = useState<string | undefined>();
  const [server, setServer] = useState<UserServerErrors>(NO_ERRORS);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const base = useId();

  const body: UpdateUserRequest = {};
  if (role !== user.role) body.role = role;
  const before = user.teams.map((team) => team.id).sort();
  if ([...teamIds].sort().join() !== before.join()) body.teamIds = teamIds;
  const capacityValue = capacity.trim() === '' ? null : Number(capacity);
  if (capacityValue !== user.capacity) body.capacity = capacityValue;
  const dirty = Object.keys(body).length > 0;
  const capacityId = `${base}-capacity`;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending || !dirty) return;
    setServer(NO_ERRORS);
    setFailure(null);
    const checked = updateUserSchema.safeParse(body);
    const wrongCapacity = checked.success
      ? undefined
      : checked.error.issues.find((issue) => issue.path[0] === 'capacity');
    setCapacityError(wrongCapacity && t('settings.users.capacity.invalid'));
    if (wrongCapacity) return;
    update.mutate(
      { id: user.id, body },
      {
        onSuccess: onClose,
        onError: (error) => {
          const detail = error.details.find((d) => d.path === 'capacity');
          if (detail) {
            setCapacityError(detail.message);
            return;
          }
          const answer = userServerErrors(error, t);
          setServer(answer);
          if (Object.keys(answer.fields).length === 0 && answer.other.length === 0)
            setFailure(error);
        },
      },
    );
  };

  return (
    <Dialog
      title={t('settings.users.edit.title', { name: user.name })}
      onClose={onClose}
      closeLabel={t('settings.users.dialog.close')}
      data-testid="user-edit-dialog"
    >
      <form className="tp-user-form" onSubmit={handleSubmit} noValidate>
        <RoleField
          base={base}
          value={role}
          onChange={(next) => {
            setRole(next);
            setFailure(null);
          }}
          error={server.fields.role}
          autoFocus
        />
        <TeamsField
          base={base}
          teams={teams}
          value={teamIds}
          onChange={(next) => {
            setTeamIds(next);
            setServer(NO_ERRORS);
            setFailure(null);
          }}
          error={server.fields.teamIds}
        />
        <div className={`tp-field${capacityError ? ' tp-field--invalid' : ''}`}>
          <label className="tp-field__label" htmlFor={capacityId}>
            {t('settings.users.capacity.label')}
          </label>
          <input
            id={capacityId}
            className="tp-field__input tp-user-form__capacity"
            type="number"
            inputMode="numeric"
            min={1}
            max={500}
            value={capacity}
            placeholder={t('settings.users.capacity.placeholder')}
            onChange={(event) => {
              setCapacity(event.target.value);
              setCapacityError(undefined);
              setFailure(null);
            }}
            aria-invalid={capacityError ? true : undefined}
            aria-describedby={`${capacityId}-hint${capacityError ? ` ${capacityId}-error` : ''}`}
            data-testid="user-capacity"
          />
          <p id={`${capacityId}-hint`} className="tp-field__hint">
            {t('settings.users.capacity.hint')}
          </p>
          {capacityError ? (
            <p
              id={`${capacityId}-error`}
              className="tp-field__error"
              data-testid="user-capacity-error"
            >
              {capacityError}
            </p>
          ) : null}
        </div>
        {server.other.length > 0 || failure ? (
          <Alert tone="error" title={t('settings.users.edit.failed')} data-testid="user-edit-error">
            {failure ? apiErrorMessage(failure, t) : server.other.join(' ')}
          </Alert>
        ) : null}
        <div className="tp-dialog__footer">
          <Button variant="ghost" onClick={onClose}>
            {t('settings.users.dialog.cancel')}
          </Button>
          <Button
            type="submit"
            busy={update.isPending}
            disabled={!dirty}
            data-testid="user-edit-save"
          >
            {t('settings.users.edit.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
