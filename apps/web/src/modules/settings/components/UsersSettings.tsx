import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '@touchpoint/shared';
import { Button } from '../../../ui/Button';
import { EmptyState } from '../../../ui/EmptyState';
import { RetryAlert } from '../../../ui/RetryAlert';
import { SettingsSection } from '../../../ui/SettingsSection';
import { Skeleton } from '../../../ui/Skeleton';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useMe } from '../../auth/hooks/useMe';
import { useTeams } from '../hooks/useTeams';
import { useUsers } from '../hooks/useUsers';
import { EditUserDialog } from './EditUserDialog';
import { InviteUserDialog } from './InviteUserDialog';
import { UserActiveDialog } from './UserActiveDialog';
import { UserLinkDialog } from './UserLinkDialog';
import { UserList, type UserAction } from './UserList';
import './users.css';

type Open = { dialog: 'invite' } | { dialog: UserAction; user: UserDto };

/** Settings → Users: everyone in the workspace; invite, change role and teams, links, deactivate. */
export function UsersSettings() {
  const { t } = useTranslation();
  const users = useUsers();
  const teams = useTeams();
  const me = useMe();
  const [open, setOpen] = useState<Open | null>(null);
  const close = () => setOpen(null);

  let content;
  if (users.isPending || teams.isPending) {
    content = <Skeleton rows={4} label={t('settings.users.loading')} />;
  } else if (users.isError || teams.isError) {
    content = (
      <RetryAlert
        title={t('settings.users.error')}
        retryLabel={t('settings.users.retry')}
        onRetry={() => {
          if (users.isError) void users.refetch();
          if (teams.isError) void teams.refetch();
        }}
      >
        {apiErrorMessage(users.error ?? teams.error, t)}
      </RetryAlert>
    );
  } else if (users.data.length === 0) {
    content = (
      <EmptyState icon="user" title={t('settings.users.empty')} data-testid="user-list-empty" />
    );
  } else {
    content = (
      <UserList
        users={users.data}
        meId={me.data?.id}
        onAction={(action, user) => setOpen({ dialog: action, user })}
      />
    );
  }

  const dialog = (() => {
    if (!open) return null;
    const teamList = teams.data ?? [];
    if (open.dialog === 'invite') return <InviteUserDialog teams={teamList} onClose={close} />;
    const { user } = open;
    switch (open.dialog) {
      case 'edit':
        return <EditUserDialog user={user} teams={teamList} onClose={close} />;
      case 'deactivate':
      case 'reactivate':
        return <UserActiveDialog user={user} onClose={close} />;
      case 'reset':
      case 'resend':
        return <UserLinkDialog kind={open.dialog} user={user} onClose={close} />;
    }
  })();

  return (
    <SettingsSection
      title={t('settings.users.title')}
      intro={t('settings.users.intro')}
      data-testid="settings-users"
    >
      <div className="tp-users__toolbar">
        <Button
          onClick={() => setOpen({ dialog: 'invite' })}
          disabled={teams.isPending}
          data-testid="user-invite"
        >
          {t('settings.users.invite.open')}
        </Button>
      </div>
      {content}
      {dialog}
    </SettingsSection>
  );
}
