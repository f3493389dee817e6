import { useTranslation } from 'react-i18next';
import type { TeamDto } from '@touchpoint/shared';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
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
    <ConfirmDialog
      title={t('settings.teams.delete.title', { team: team.name })}
      description={t('settings.teams.delete.body', { team: team.name })}
      confirmLabel={t('settings.teams.delete.confirm')}
      cancelLabel={t('settings.teams.new.cancel')}
      closeLabel={t('settings.teams.new.close')}
      onConfirm={() => remove.mutate(team.id, { onSuccess: onDeleted })}
      onClose={onClose}
      busy={remove.isPending}
      failure={remove.isError ? { message: apiErrorMessage(remove.error, t) } : undefined}
      data-testid="delete-team-dialog"
      confirmTestId="delete-team-confirm"
      failureTestId="delete-team-error"
    />
  );
}
