import { useTranslation } from 'react-i18next';
import type { TeamDto } from '@touchpoint/shared';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { useDeleteTeam } from '../hooks/useTeamChanges';

export interface DeleteTeamDialogProps {
  team: Pick<TeamDto, 'id' | 'name'>;
  onClose: () => void;
  onDeleted: () => void;
}

/** Asks before a team goes; the server refuses while channels deliver to it, and says so. */
export function DeleteTeamDialog({ team, onClose, onDeleted }: DeleteTeamDialogProps) {
  const { t } = useTranslation();
  const remove = useDeleteTeam();
  return (
    <Dialog
      title={t('settings.teams.delete.title', { team: team.name })}
      description={t('settings.teams.delete.body', { team: team.name })}
      closeLabel={t('settings.teams.new.close')}
      onClose={onClose}
      data-testid="delete-team-dialog"
    >
      {remove.isError ? (
        <Alert tone="error" data-testid="delete-team-error">
          {apiErrorMessage(remove.error, t)}
        </Alert>
      ) : null}
      <div className="tp-dialog__footer">
        <Button variant="ghost" onClick={onClose} data-autofocus>
          {t('settings.teams.new.cancel')}
        </Button>
        <Button
          busy={remove.isPending}
          onClick={() => remove.mutate(team.id, { onSuccess: onDeleted })}
          data-testid="delete-team-confirm"
        >
          {t('settings.teams.delete.confirm')}
        </Button>
      </div>
    </Dialog>
  );
}
