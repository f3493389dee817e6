import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { UserDto } from '@touchpoint/shared';
import { initials } from '../../../ui/Avatar';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import { useLogout } from '../../auth/hooks/useLogout';

/** Who is signed in, with their role, the way to their own account, and the way out. */
export function UserMenu({ user }: { user: UserDto }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <div className="tp-user" role="group" aria-label={t('shell.userMenu')}>
      <span className="tp-user__avatar" aria-hidden="true">
        {initials(user.name)}
      </span>
      <span className="tp-user__who">
        <span className="tp-user__name" data-testid="current-user" title={user.email}>
          {user.name}
        </span>
        <span className="tp-user__role" data-testid="current-user-role">
          {t(`roles.${user.role}`)}
        </span>
      </span>
      <Link className="tp-button tp-button--ghost" to="/account" data-testid="account-link">
        <Icon name="user" size={18} />
        <span>{t('shell.account')}</span>
      </Link>
      <Button
        variant="ghost"
        icon={<Icon name="signOut" size={18} />}
        busy={logout.isPending}
        onClick={() => logout.mutate()}
        data-testid="logout"
      >
        {t('shell.signOut')}
      </Button>
    </div>
  );
}
