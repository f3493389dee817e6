import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { ApiError } from '../../../api/http';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import { Spinner } from '../../../ui/Spinner';
import { useLogout } from '../../auth/hooks/useLogout';
import { useMe } from '../../auth/hooks/useMe';
import { NotificationBell } from '../../notifications/components/NotificationBell';
import { NotificationAlertsEffect } from '../../notifications/effects/NotificationAlertsEffect';
import { ShortcutLayer } from '../../shortcuts/components/ShortcutLayer';
import { IdlePresenceEffect } from '../effects/IdlePresenceEffect';
import { ConnectionIndicator } from './ConnectionIndicator';
import { LanguageSwitch } from './LanguageSwitch';
import { NavRail } from './NavRail';
import { PresenceMenu } from './PresenceMenu';
import { UserMenu } from './UserMenu';

/** The frame around every signed-in page: nav rail, top bar, and the page. */
export function AppShell() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();

  if (me.isPending) {
    return (
      <div className="tp-fullpage" data-testid="app-loading">
        <Spinner label={t('app.loading')} />
        <p>{t('app.loading')}</p>
      </div>
    );
  }

  if (me.isError) {
    return (
      <div className="tp-fullpage">
        <Alert
          tone="error"
          title={t('shell.profileError')}
          action={
            <>
              <Button variant="secondary" onClick={() => void me.refetch()}>
                {t('shell.retry')}
              </Button>
              <Button variant="ghost" onClick={() => logout.mutate()}>
                {t('shell.signOut')}
              </Button>
            </>
          }
        >
          {me.error instanceof ApiError && me.error.isUnreachable
            ? t('login.errors.unreachable')
            : t('login.errors.unexpected')}
        </Alert>
      </div>
    );
  }

  const user = me.data;
  return (
    <div className="tp-shell" data-testid="app-shell">
      <a className="tp-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="tp-topbar">
        <div className="tp-topbar__brand">
          <span className="tp-logo" aria-hidden="true">
            <Icon name="logo" size={18} />
          </span>
          <span className="tp-topbar__workspace" data-testid="workspace-name">
            {t('app.name')}
          </span>
        </div>
        <div className="tp-topbar__actions">
          <ConnectionIndicator />
          <LanguageSwitch />
          <NotificationBell />
          <PresenceMenu userId={user.id} />
          <UserMenu user={user} />
        </div>
      </header>
      <IdlePresenceEffect />
      <ShortcutLayer />
      <NotificationAlertsEffect />
      <NavRail role={user.role} />
      <main id="main" className="tp-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
