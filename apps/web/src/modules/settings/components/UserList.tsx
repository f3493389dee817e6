import { useTranslation } from 'react-i18next';
import type { UserDto } from '@touchpoint/shared';
import { Button } from '../../../ui/Button';
import { currentLocale } from '../../../lib/i18n';
import { fullDateTime } from '../../inbox/format/relative-age';
import { statusOf } from '../format/user-list';

/** What an admin may do with a user from the list. */
export type UserAction = 'edit' | 'deactivate' | 'reactivate' | 'reset' | 'resend';

export interface UserListProps {
  users: readonly UserDto[];
  /** The signed-in admin: not offered what the server refuses for oneself. */
  meId: string | undefined;
  onAction: (action: UserAction, user: UserDto) => void;
}

/** The actions that fit where the account stands. */
function actionsFor(user: UserDto, isMe: boolean): UserAction[] {
  const status = statusOf(user);
  if (status === 'deactivated') return ['edit', 'reactivate'];
  const link: UserAction = status === 'invited' ? 'resend' : 'reset';
  return isMe ? ['edit'] : ['edit', link, 'deactivate'];
}

/** Everyone in the workspace: who, role, teams, where the account stands, last sign-in. */
export function UserList({ users, meId, onAction }: UserListProps) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  return (
    <div className="tp-users__scroll">
      <table className="tp-users__table" data-testid="user-list">
        <caption className="tp-visually-hidden">{t('settings.users.listLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('settings.users.columns.person')}</th>
            <th scope="col">{t('settings.users.columns.role')}</th>
            <th scope="col">{t('settings.users.columns.teams')}</th>
            <th scope="col">{t('settings.users.columns.status')}</th>
            <th scope="col">{t('settings.users.columns.lastLogin')}</th>
            <th scope="col">
              <span className="tp-visually-hidden">{t('settings.users.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const status = statusOf(user);
            const isMe = user.id === meId;
            return (
              <tr
                key={user.id}
                className={status === 'deactivated' ? 'tp-users__row--off' : undefined}
                data-testid="user-row"
                data-user-id={user.id}
              >
                <th scope="row" className="tp-users__who">
                  <span className="tp-users__name">
                    {user.name}
                    {isMe ? <span className="tp-users__me"> {t('settings.users.you')}</span> : null}
                  </span>
                  <span className="tp-users__email">{user.email}</span>
                </th>
                <td>{t(`roles.${user.role}`)}</td>
                <td className="tp-users__teams">
                  {user.teams.length
                    ? user.teams.map((team) => team.name).join(', ')
                    : t('settings.users.noTeams')}
                </td>
                <td>
                  <span
                    className={`tp-user-status tp-user-status--${status}`}
                    data-testid="user-status"
                  >
                    {t(`settings.users.status.${status}`)}
                  </span>
                </td>
                <td className="tp-users__last-login">
                  {user.lastLoginAt ? (
                    <time dateTime={user.lastLoginAt}>
                      {fullDateTime(user.lastLoginAt, locale)}
                    </time>
                  ) : (
                    t('settings.users.never')
                  )}
                </td>
                <td>
                  <div className="tp-users__actions">
                    {actionsFor(user, isMe).map((action) => (
                      <Button
                        key={action}
                        variant={action === 'edit' ? 'secondary' : 'ghost'}
                        aria-label={t(`settings.users.actions.${action}Label`, { name: user.name })}
                        onClick={() => onAction(action, user)}
                        data-testid={`user-${action}`}
                      >
                        {t(`settings.users.actions.${action}`)}
                      </Button>
                    ))}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
