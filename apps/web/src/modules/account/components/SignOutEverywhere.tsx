import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { Icon } from '../../../ui/Icon';
import { SettingsSection } from '../../../ui/SettingsSection';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useSignOutEverywhere } from '../../auth/hooks/useSignOutEverywhere';

/** Ends every session of the user, this browser's too, after asking. */
export function SignOutEverywhere() {
  const { t } = useTranslation();
  const signOut = useSignOutEverywhere();
  const [confirming, setConfirming] = useState(false);

  const close = () => {
    setConfirming(false);
    signOut.reset();
  };

  return (
    <SettingsSection title={t('account.sessions.title')} intro={t('account.sessions.intro')}>
      <div>
        <Button
          variant="secondary"
          icon={<Icon name="signOut" size={18} />}
          onClick={() => setConfirming(true)}
          data-testid="sign-out-everywhere"
        >
          {t('account.sessions.signOutEverywhere')}
        </Button>
      </div>
      {confirming ? (
        <Dialog
          title={t('account.sessions.confirmTitle')}
          description={t('account.sessions.confirmText')}
          onClose={close}
          closeLabel={t('account.sessions.close')}
          data-testid="sign-out-everywhere-dialog"
        >
          {signOut.isError ? (
            <Alert tone="error" data-testid="sign-out-everywhere-error">
              {apiErrorMessage(signOut.error, t)}
            </Alert>
          ) : null}
          <div className="tp-dialog__footer">
            <Button variant="ghost" onClick={close}>
              {t('account.sessions.cancel')}
            </Button>
            <Button
              busy={signOut.isPending}
              onClick={() => signOut.mutate()}
              data-autofocus
              data-testid="sign-out-everywhere-confirm"
            >
              {t('account.sessions.confirm')}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </SettingsSection>
  );
}
