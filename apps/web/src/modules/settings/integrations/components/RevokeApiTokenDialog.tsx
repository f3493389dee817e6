import { useTranslation } from 'react-i18next';
import type { ApiTokenDto } from '@touchpoint/shared';
import { Alert } from '../../../../ui/Alert';
import { Button } from '../../../../ui/Button';
import { Dialog } from '../../../../ui/Dialog';
import { apiErrorMessage } from '../../../../lib/api-error-message';
import { useRevokeApiToken } from '../hooks/useRevokeApiToken';

/** Asks before revoking: the token is refused from then on, by every system that uses it. */
export function RevokeApiTokenDialog({
  token,
  onClose,
}: {
  token: ApiTokenDto;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const revoke = useRevokeApiToken();
  return (
    <Dialog
      title={t('integrations.tokens.revoke.title', { name: token.name })}
      description={t('integrations.tokens.revoke.body')}
      onClose={onClose}
      closeLabel={t('integrations.close')}
      data-testid="api-token-revoke-dialog"
    >
      {revoke.isError ? (
        <Alert tone="error" title={t('integrations.tokens.revoke.failed')}>
          {apiErrorMessage(revoke.error, t)}
        </Alert>
      ) : null}
      <div className="tp-dialog__footer">
        <Button variant="ghost" onClick={onClose} data-autofocus>
          {t('integrations.cancel')}
        </Button>
        <Button
          busy={revoke.isPending}
          onClick={() => revoke.mutate(token.id, { onSuccess: onClose })}
          data-testid="api-token-revoke-confirm"
        >
          {t('integrations.tokens.revoke.confirm')}
        </Button>
      </div>
    </Dialog>
  );
}
