import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { SettingsSection } from '../../../ui/SettingsSection';
import { TextField } from '../../../ui/TextField';
import { useChangePassword } from '../../auth/hooks/useChangePassword';
import {
  PASSWORD_FIELDS,
  passwordErrorMessage,
  passwordFieldErrorsFromApi,
  validatePasswordForm,
  type PasswordFieldErrors,
} from '../password-form';

/** Changes the user's own password: current, new, and the new one again. */
export function PasswordForm() {
  const { t } = useTranslation();
  const changePassword = useChangePassword();
  const [clientErrors, setClientErrors] = useState<PasswordFieldErrors>({});

  const serverErrors = changePassword.variables
    ? passwordFieldErrorsFromApi(changePassword.error, changePassword.variables, t)
    : {};
  const errors: PasswordFieldErrors = { ...serverErrors, ...clientErrors };
  const formError = changePassword.isError
    ? passwordErrorMessage(changePassword.error, t)
    : undefined;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (changePassword.isPending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const result = validatePasswordForm(
      {
        currentPassword: String(data.get('currentPassword') ?? ''),
        newPassword: String(data.get('newPassword') ?? ''),
        repeatPassword: String(data.get('repeatPassword') ?? ''),
      },
      t,
    );
    if (!result.ok) {
      changePassword.reset();
      setClientErrors(result.errors);
      const firstInvalid = PASSWORD_FIELDS.find((field) => result.errors[field]);
      const input = firstInvalid ? form.elements.namedItem(firstInvalid) : null;
      if (input instanceof HTMLInputElement) input.focus();
      return;
    }
    setClientErrors({});
    changePassword.mutate(result.value, {
      onSuccess: () => form.reset(),
      onError: () => {
        const input = form.elements.namedItem('currentPassword');
        if (input instanceof HTMLInputElement) input.focus();
      },
    });
  };

  return (
    <SettingsSection title={t('account.password.title')} intro={t('account.password.intro')}>
      {changePassword.isSuccess ? (
        <Alert tone="success" data-testid="password-changed">
          {t('account.password.changed')}
        </Alert>
      ) : null}
      {formError ? (
        <Alert tone="error" data-testid="password-error">
          {formError}
        </Alert>
      ) : null}
      <form
        className="tp-account__form"
        onSubmit={handleSubmit}
        noValidate
        data-testid="password-form"
      >
        <TextField
          label={t('account.password.current')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          error={errors.currentPassword}
        />
        <TextField
          label={t('account.password.new')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={t('account.password.newHint', { count: PASSWORD_MIN_LENGTH })}
          error={errors.newPassword}
        />
        <TextField
          label={t('account.password.repeat')}
          name="repeatPassword"
          type="password"
          autoComplete="new-password"
          error={errors.repeatPassword}
        />
        <div>
          <Button type="submit" busy={changePassword.isPending} data-testid="password-submit">
            {t('account.password.submit')}
          </Button>
        </div>
      </form>
    </SettingsSection>
  );
}
