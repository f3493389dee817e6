import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelDto } from '@touchpoint/shared';
import { Button } from '../../../ui/Button';
import { EmptyState } from '../../../ui/EmptyState';
import { RetryAlert } from '../../../ui/RetryAlert';
import { SettingsSection } from '../../../ui/SettingsSection';
import { Skeleton } from '../../../ui/Skeleton';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useTeams } from '../../settings/hooks/useTeams';
import { useChannels } from '../hooks/useChannels';
import { ChannelCard, channelTitleId } from './ChannelCard';
import { ChannelDialog } from './ChannelDialog';
import { DeleteChannelDialog } from './DeleteChannelDialog';
import './channels.css';

type Open =
  | { dialog: 'create' }
  | { dialog: 'edit'; channel: ChannelDto }
  | { dialog: 'delete'; channel: ChannelDto };

const ADD_BUTTON_ID = 'channels-add';

/** Settings → Channels: every channel with what connects it; add, edit, switch off, delete. */
export function ChannelsSettings() {
  const { t } = useTranslation();
  const channels = useChannels();
  const teams = useTeams();
  const [open, setOpen] = useState<Open | null>(null);
  const [focusAfter, setFocusAfter] = useState<string | null>(null);

  // After adding, focus goes to the new channel; after deleting (its card, which opened the
  // dialog, is gone) to "Add channel". It has to follow the commit that renders the target,
  // which may come after the one that closed the dialog and handed focus back to its opener.
  useEffect(() => {
    const target = focusAfter ? document.getElementById(focusAfter) : null;
    if (!target) return; // not rendered yet: the list follows the dialog's close
    target.focus();
    setFocusAfter(null);
  }, [focusAfter, channels.data]);

  const close = () => setOpen(null);
  const openDialog = (next: Open) => setOpen(next);
  const addButton = (
    <Button
      id={ADD_BUTTON_ID}
      onClick={() => openDialog({ dialog: 'create' })}
      data-testid="channel-add"
    >
      {t('channels.add')}
    </Button>
  );

  let content;
  if (channels.isPending || teams.isPending) {
    content = <Skeleton rows={3} variant="card" label={t('channels.loading')} />;
  } else if (channels.isError || teams.isError) {
    content = (
      <RetryAlert
        title={t('channels.error')}
        retryLabel={t('channels.retry')}
        onRetry={() => {
          if (channels.isError) void channels.refetch();
          if (teams.isError) void teams.refetch();
        }}
      >
        {apiErrorMessage(channels.error ?? teams.error, t)}
      </RetryAlert>
    );
  } else if (channels.data.length === 0) {
    content = (
      <div className="tp-channels__empty" data-testid="channel-list-empty">
        <EmptyState
          icon="inbox"
          title={t('channels.empty.title')}
          hint={t('channels.empty.hint')}
        />
        {addButton}
      </div>
    );
  } else {
    const teamName = (id: string) => teams.data.find((team) => team.id === id)?.name;
    content = (
      <>
        <div className="tp-channels__toolbar">{addButton}</div>
        <ul
          className="tp-channels__list"
          aria-label={t('channels.listLabel')}
          data-testid="channel-list"
        >
          {channels.data.map((channel) => (
            <li key={channel.id}>
              <ChannelCard
                channel={channel}
                teamName={teamName(channel.teamId)}
                origin={window.location.origin}
                onEdit={() => openDialog({ dialog: 'edit', channel })}
                onDelete={() => openDialog({ dialog: 'delete', channel })}
              />
            </li>
          ))}
        </ul>
      </>
    );
  }

  return (
    <SettingsSection
      title={t('channels.title')}
      intro={t('channels.intro')}
      data-testid="settings-channels"
    >
      {content}
      {open?.dialog === 'create' || open?.dialog === 'edit' ? (
        <ChannelDialog
          channel={open.dialog === 'edit' ? open.channel : undefined}
          teams={teams.data ?? []}
          onClose={close}
          onSaved={(saved) => {
            if (open.dialog === 'create') setFocusAfter(channelTitleId(saved.id));
            close();
          }}
        />
      ) : null}
      {open?.dialog === 'delete' ? (
        <DeleteChannelDialog
          channel={open.channel}
          onClose={close}
          onDeleted={() => {
            setFocusAfter(ADD_BUTTON_ID);
            close();
          }}
        />
      ) : null}
    </SettingsSection>
  );
}
