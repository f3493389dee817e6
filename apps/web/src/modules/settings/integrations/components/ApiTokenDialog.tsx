import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { API_SCOPES, type ApiScope, type ApiTokenWithSecretDto } from '@touchpoint/shared';
import { Alert } from '../../../../ui/Alert';
import { Button } from '../../../../ui/Button';
import { Dialog } from '../../../../ui/Dialog';
import { TextField } from '../../../../ui/TextField';
import { apiErrorMessage } from '../../../../lib/api-error-message';
import { endOfDayIso, scopeKey } from '../format/integration-format';
import { useCreateApiToken } from '../hooks/useCreateApiToken';
import { SecretReveal } from './SecretReveal';

/** Creates an API token: a name, its scopes, an optional last day; then shows the token once. */
export function ApiTokenDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateApiToken();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>([]);
  const [expires, setExpires] = useState('');
  const [errors, setErrors] = useState<{ name?: string; scopes?: string }>({});
  const [created, setCreated] = useState<ApiTokenWithSecretDto | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!name.trim()) next.name = t('integrations.tokens.form.nameRequired');
    if (scopes.length === 0) next.scopes = t('integrations.tokens.form.scopesRequired');
    setErrors(next);
    if (next.name || next.scopes) return;
    create.mutate(
      { name: name.trim(), scopes, expiresAt: endOfDayIso(expires) },
      { onSuccess: setCreated },
    );
  };

  return (
    <Dialog
      title={t('integrations.tokens.add')}
      onClose={onClose}
      closeLabel={t('integrations.close')}
      data-testid="api-token-dialog"
    >
      {created ? (
        <>
          <SecretReveal
            label={t('integrations.tokens.token')}
            value={created.token}
            hint={t('integrations.tokens.tokenHint')}
          />
          <div className="tp-dialog__footer">
            <Button onClick={onClose} data-autofocus data-testid="secret-done">
              {t('integrations.done')}
            </Button>
          </div>
        </>
      ) : (
        <form onSubmit={submit} noValidate data-testid="api-token-form">
          <TextField
            label={t('integrations.tokens.form.name')}
            name="name"
            value={name}
            maxLength={120}
            error={errors.name}
            onChange={(e) => setName(e.target.value)}
            data-autofocus
          />
          <fieldset
            className="tp-integrations__choices"
            aria-describedby={errors.scopes ? 'api-token-scopes-error' : undefined}
          >
            <legend className="tp-field__label">{t('integrations.tokens.form.scopes')}</legend>
            {API_SCOPES.map((scope) => (
              <label key={scope} className="tp-integrations__choice">
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(e) =>
                    setScopes((current) =>
                      e.target.checked ? [...current, scope] : current.filter((s) => s !== scope),
                    )
                  }
                />
                <code>{scope}</code> {t(`integrations.tokens.scopes.${scopeKey(scope)}`)}
              </label>
            ))}
            {errors.scopes ? (
              <p id="api-token-scopes-error" className="tp-field__error">
                {errors.scopes}
              </p>
            ) : null}
          </fieldset>
          <TextField
            label={t('integrations.tokens.form.expires')}
            name="expires"
            type="date"
            value={expires}
            hint={t('integrations.tokens.form.expiresHint')}
            onChange={(e) => setExpires(e.target.value)}
          />
          {create.isError ? (
            <Alert tone="error" title={t('integrations.tokens.form.failed')}>
              {apiErrorMessage(create.error, t)}
            </Alert>
          ) : null}
          <div className="tp-dialog__footer">
            <Button variant="ghost" onClick={onClose}>
              {t('integrations.cancel')}
            </Button>
            <Button type="submit" busy={create.isPending} data-testid="api-token-save">
              {t('integrations.tokens.form.create')}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
