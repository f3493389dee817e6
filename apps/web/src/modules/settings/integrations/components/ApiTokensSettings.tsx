import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiTokenDto } from '@touchpoint/shared';
import { Button } from '../../../../ui/Button';
import { RetryAlert } from '../../../../ui/RetryAlert';
import { SettingsSection } from '../../../../ui/SettingsSection';
import { Skeleton } from '../../../../ui/Skeleton';
import { apiErrorMessage } from '../../../../lib/api-error-message';
import { formatMoment } from '../format/integration-format';
import { useApiTokens } from '../hooks/useApiTokens';
import { ApiTokenDialog } from './ApiTokenDialog';
import { RevokeApiTokenDialog } from './RevokeApiTokenDialog';

/** Settings → Integrations → API tokens: who may call the API from outside, and with what scopes. */
export function ApiTokensSettings() {
  const { t, i18n } = useTranslation();
  const tokens = useApiTokens();
  const [open, setOpen] = useState<
    { dialog: 'create' } | { dialog: 'revoke'; token: ApiTokenDto } | null
  >(null);
  const locale = i18n.resolvedLanguage ?? 'en';
  const close = () => setOpen(null);
  const when = (iso: string | null, none: string) => (iso ? formatMoment(iso, locale) : none);
  const stateOf = (token: ApiTokenDto) =>
    token.revokedAt
      ? t('integrations.tokens.revoked')
      : token.expiresAt && Date.parse(token.expiresAt) <= Date.now()
        ? t('integrations.tokens.expired')
        : null;

  let content;
  if (tokens.isPending) content = <Skeleton rows={2} label={t('integrations.tokens.loading')} />;
  else if (tokens.isError)
    content = (
      <RetryAlert
        title={t('integrations.tokens.error')}
        retryLabel={t('integrations.retry')}
        onRetry={() => void tokens.refetch()}
      >
        {apiErrorMessage(tokens.error, t)}
      </RetryAlert>
    );
  else if (tokens.data.length === 0)
    content = (
      <p className="tp-field__hint" data-testid="api-token-list-empty">
        {t('integrations.tokens.empty')}
      </p>
    );
  else
    content = (
      <table className="tp-integrations__table" data-testid="api-token-list">
        <caption className="tp-visually-hidden">{t('integrations.tokens.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('integrations.tokens.name')}</th>
            <th scope="col">{t('integrations.tokens.scopesColumn')}</th>
            <th scope="col">{t('integrations.tokens.createdBy')}</th>
            <th scope="col">{t('integrations.tokens.lastUsed')}</th>
            <th scope="col">{t('integrations.tokens.expires')}</th>
            <th scope="col">
              <span className="tp-visually-hidden">{t('integrations.tokens.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.data.map((token) => {
            const state = stateOf(token);
            return (
              <tr key={token.id} data-testid="api-token-row">
                <td>
                  {token.name}
                  {state ? (
                    <span className="tp-integrations__status tp-integrations__status--failed">
                      {' '}
                      {state}
                    </span>
                  ) : null}
                </td>
                <td>
                  {token.scopes.map((scope) => (
                    <code key={scope} className="tp-integrations__scope">
                      {scope}
                    </code>
                  ))}
                </td>
                <td>{token.createdBy?.name ?? '—'}</td>
                <td>{when(token.lastUsedAt, t('integrations.tokens.neverUsed'))}</td>
                <td>{when(token.expiresAt, t('integrations.tokens.noExpiry'))}</td>
                <td>
                  {token.revokedAt ? null : (
                    <Button
                      variant="ghost"
                      onClick={() => setOpen({ dialog: 'revoke', token })}
                      aria-label={t('integrations.tokens.revoke.label', { name: token.name })}
                      data-testid="api-token-revoke"
                    >
                      {t('integrations.tokens.revoke.button')}
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    );

  return (
    <SettingsSection
      title={t('integrations.tokens.title')}
      intro={t('integrations.tokens.intro')}
      data-testid="settings-api-tokens"
    >
      <div className="tp-integrations__toolbar">
        <Button onClick={() => setOpen({ dialog: 'create' })} data-testid="api-token-add">
          {t('integrations.tokens.add')}
        </Button>
      </div>
      {content}
      {open?.dialog === 'create' ? <ApiTokenDialog onClose={close} /> : null}
      {open?.dialog === 'revoke' ? (
        <RevokeApiTokenDialog token={open.token} onClose={close} />
      ) : null}
    </SettingsSection>
  );
}
