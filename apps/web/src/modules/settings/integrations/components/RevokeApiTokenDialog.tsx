import { useTranslation } from 'react-i18next';
import type { ApiTokenDto } from '@touchpoint/shared';
import { ConfirmDialog } from '../../../../ui/ConfirmDialog';
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
    <ConfirmDialog
      title={t('integrations.tokens.revoke.title', { name: token.name })}
      description={t('integrations.tokens.revoke.body')}
      confirmLabel={t('integrations.tokens.revoke.confirm')}
      cancelLabel={t('integrations.cancel')}
      closeLabel={t('integrations.close')}
      onConfirm={() => revoke.mutate(token.id, { onSuccess: onClose })}
      onClose={onClose}
      busy={revoke.isPending}
      failure={
        revoke.isError
          ? {
              title: t('integrations.tokens.revoke.failed'),
              message: apiErrorMessage(revoke.error, t),
            }
          : undefined
      }
      data-testid="api-token-revoke-dialog"
      confirmTestId="api-token-revoke-confirm"
    />
  );
}
