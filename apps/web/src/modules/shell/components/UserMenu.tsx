import { useTranslation } from 'react-i18next';
import type { UserDto } from '@touchpoint/shared';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import { useLogout } from '../../auth/hooks/useLogout';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((part) => part.charAt(0).toUpperCase()).join('') || '?';
}

/** Who is signed in, with their role, and the way out. */
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
