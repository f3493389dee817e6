import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createTeamSchema, type TeamDto } from '@touchpoint/shared';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { TextField } from '../../../ui/TextField';
import { serverErrors } from '../format/team-form';
import { useCreateTeam } from '../hooks/useTeamChanges';

export interface NewTeamDialogProps {
  onClose: () => void;
  onCreated: (team: TeamDto) => void;
}

/** A new team by name and description; members, policy and hours are set on its page after. */
export function NewTeamDialog({ onClose, onCreated }: NewTeamDialogProps) {
  const { t } = useTranslation();
  const create = useCreateTeam();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = createTeamSchema.safeParse({ name, description });
    if (!parsed.success) {
      setNameError(t('settings.validation.required'));
      return;
    }
    setNameError(undefined);
    create.mutate(parsed.data, {
      onSuccess: onCreated,
      onError: (error) => setNameError(serverErrors(error).fields.name),
    });
  };

  const failure = create.isError && !serverErrors(create.error).fields.name ? create.error : null;
  return (
    <Dialog
      title={t('settings.teams.new.title')}
      description={t('settings.teams.new.intro')}
      closeLabel={t('settings.teams.new.close')}
      onClose={onClose}
      data-testid="new-team-dialog"
    >
      <form className="tp-assign" onSubmit={submit} noValidate>
        <TextField
          label={t('settings.form.name')}
          name="name"
          value={name}
          maxLength={120}
          onChange={(event) => setName(event.target.value)}
          error={nameError}
          data-autofocus
          data-testid="new-team-name"
        />
        <TextField
          label={t('settings.form.description')}
          name="description"
          hint={t('settings.form.descriptionHint')}
          value={description}
          maxLength={500}
          onChange={(event) => setDescription(event.target.value)}
          data-testid="new-team-description"
        />
        {failure ? (
          <Alert tone="error" data-testid="new-team-error">
            {apiErrorMessage(failure, t)}
          </Alert>
        ) : null}
        <div className="tp-dialog__footer">
          <Button variant="ghost" onClick={onClose}>
            {t('settings.teams.new.cancel')}
          </Button>
          <Button type="submit" busy={create.isPending} data-testid="new-team-submit">
            {t('settings.teams.new.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
