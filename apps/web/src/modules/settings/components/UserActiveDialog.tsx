import { useTranslation } from 'react-i18next';
import type { UserDto } from '@touchpoint/shared';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
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
    <ConfirmDialog
      title={t(`settings.users.${action}.title`, { name: user.name })}
      description={body}
      confirmLabel={t(`settings.users.${action}.confirm`)}
      cancelLabel={t('settings.users.dialog.cancel')}
      closeLabel={t('settings.users.dialog.close')}
      onConfirm={() =>
        update.mutate({ id: user.id, body: { active: !deactivate } }, { onSuccess: onClose })
      }
      onClose={onClose}
      busy={update.isPending}
      failure={
        update.isError
          ? {
              title: t(`settings.users.${action}.failed`, { name: user.name }),
              message: apiErrorMessage(update.error, t),
            }
          : undefined
      }
      data-testid="user-active-dialog"
      confirmTestId="user-active-confirm"
      failureTestId="user-active-error"
    />
  );
}
