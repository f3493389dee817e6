import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { TextField } from '../../../ui/TextField';
import { useLogin } from '../hooks/useLogin';
import { useSession } from '../hooks/useSession';
import { useSessionNotice } from '../hooks/useSessionNotice';
import {
  fieldErrorsFromApi,
  loginErrorMessage,
  validateLogin,
  type LoginFieldErrors,
} from '../login-form';
import { AuthCard } from './AuthCard';

/** Where to go after signing in: the page that sent the user here, else the inbox. */
function returnPath(state: unknown): string {
  if (typeof state !== 'object' || state === null || !('from' in state)) return '/inbox';
  const from = (state as { from?: { pathname?: unknown; search?: unknown } }).from;
  if (
    typeof from?.pathname !== 'string' ||
    !from.pathname.startsWith('/') ||
    from.pathname === '/login'
  ) {
    return '/inbox';
  }
  return from.pathname + (typeof from.search === 'string' ? from.search : '');
}

export function LoginPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  const sessionNotice = useSessionNotice();
  const login = useLogin();
  const [clientErrors, setClientErrors] = useState<LoginFieldErrors>({});

  if (session) return <Navigate to={returnPath(location.state)} replace />;

  const serverErrors = login.variables ? fieldErrorsFromApi(login.error, login.variables, t) : {};
  const errors: LoginFieldErrors = { ...serverErrors, ...clientErrors };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (login.isPending) return;
    const form = event.currentTarget;
    const data = new FormData(form);
    const raw = {
      email: String(data.get('email') ?? ''),
      password: String(data.get('password') ?? ''),
    };
    const result = validateLogin(raw, t);
    if (!result.ok) {
      login.reset();
      setClientErrors(result.errors);
      const firstInvalid = result.errors.email ? 'email' : 'password';
      const input = form.elements.namedItem(firstInvalid);
      if (input instanceof HTMLInputElement) input.focus();
      return;
    }
    setClientErrors({});
    login.mutate(result.value);
  };

  return (
    <AuthCard titleId="login-title">
      <h1 id="login-title" className="tp-login__title">
        {t('login.title')}
      </h1>
      <p className="tp-login__subtitle">{t('login.subtitle')}</p>
      {sessionNotice && !login.isError ? (
        <Alert tone="info" data-testid="session-notice">
          {t(`login.sessionEnded.${sessionNotice}`)}
        </Alert>
      ) : null}
      {login.isError ? (
        <Alert tone="error" data-testid="login-error">
          {loginErrorMessage(login.error, t)}
        </Alert>
      ) : null}
      <form className="tp-login__form" onSubmit={handleSubmit} noValidate data-testid="login-form">
        <TextField
          label={t('login.email')}
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          autoCapitalize="none"
          error={errors.email}
        />
        <TextField
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          error={errors.password}
        />
        <Button type="submit" block busy={login.isPending} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </form>
    </AuthCard>
  );
}
