import { useTranslation } from 'react-i18next';
import type { UserDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useResendInvitation } from '../hooks/useResendInvitation';
import { useResetPassword } from '../hooks/useResetPassword';
import { UserLinkResult } from './UserLinkResult';

export interface UserLinkDialogProps {
  /** `reset`: a new password for someone who has joined; `resend`: a new invitation link. */
  kind: 'reset' | 'resend';
  user: UserDto;
  onClose: () => void;
}

/** Asks first (a reset signs the colleague out, a new invitation ends the old link), then the link. */
export function UserLinkDialog({ kind, user, onClose }: UserLinkDialogProps) {
  const { t } = useTranslation();
  const reset = useResetPassword();
  const resend = useResendInvitation();
  const mutation = kind === 'reset' ? reset : resend;
  const link = mutation.data;

  return (
    <Dialog
      title={
        link
          ? t(
              link.purpose === 'invite'
                ? 'settings.users.link.inviteTitle'
                : 'settings.users.link.resetTitle',
              { name: user.name },
            )
          : t(`settings.users.${kind}.title`, { name: user.name })
      }
      description={link ? undefined : t(`settings.users.${kind}.body`, { name: user.name })}
      onClose={onClose}
      closeLabel={t('settings.users.dialog.close')}
      data-testid="user-link-dialog"
    >
      {link ? (
        <UserLinkResult link={link} onDone={onClose} />
      ) : (
        <>
          {mutation.isError ? (
            <Alert
              tone="error"
              title={t(`settings.users.${kind}.failed`)}
              data-testid="user-link-error"
            >
              {apiErrorMessage(mutation.error, t)}
            </Alert>
          ) : null}
          <div className="tp-dialog__footer">
            <Button variant="ghost" onClick={onClose} data-autofocus>
              {t('settings.users.dialog.cancel')}
            </Button>
            <Button
              busy={mutation.isPending}
              onClick={() => mutation.mutate(user.id)}
              data-testid="user-link-confirm"
            >
              {t(`settings.users.${kind}.confirm`)}
            </Button>
          </div>
        </>
      )}
    </Dialog>
  );
}
