import { useTranslation } from 'react-i18next';
import type { UserDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { statusOf } from '../format/user-list';
import { useUpdateUser } from '../hooks/useUpdateUser';

export interface UserActiveDialogProps {
  user: UserDto;
  onClose: () => void;
}

/**
 * Asks before deactivating (or reactivating) a colleague and says what follows. The server keeps
 * its rules (never the last admin, never oneself) and says so when one applies.
 */
export function UserActiveDialog({ user, onClose }: UserActiveDialogProps) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const deactivate = user.active;
  const action = deactivate ? 'deactivate' : 'reactivate';
  const invited = statusOf(user) === 'invited';
  const body = deactivate
    ? invited
      ? t('settings.users.deactivate.invitedBody', { name: user.name })
      : t('settings.users.deactivate.body', { name: user.name })
    : t('settings.users.reactivate.body', { name: user.name });

  return (
    <Dialog
      title={t(`settings.users.${action}.title`, { name: user.name })}
      description={body}
      onClose={onClose}
      closeLabel={t('settings.users.dialog.close')}
      data-testid="user-active-dialog"
    >
      {update.isError ? (
        <Alert
          tone="error"
          title={t(`settings.users.${action}.failed`, { name: user.name })}
          data-testid="user-active-error"
        >
          {apiErrorMessage(update.error, t)}
        </Alert>
      ) : null}
      <div className="tp-dialog__footer">
        <Button variant="ghost" onClick={onClose} data-autofocus>
          {t('settings.users.dialog.cancel')}
        </Button>
        <Button
          busy={update.isPending}
          onClick={() =>
            update.mutate({ id: user.id, body: { active: !deactivate } }, { onSuccess: onClose })
          }
          data-testid="user-active-confirm"
        >
          {t(`settings.users.${action}.confirm`)}
        </Button>
      </div>
    </Dialog>
  );
}
