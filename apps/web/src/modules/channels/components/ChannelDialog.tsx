import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelDto, ChannelKind, TeamDto } from '@touchpoint/shared';
import { Dialog } from '../../../ui/Dialog';
import { ChannelForm } from './ChannelForm';
import { ChannelKindPicker } from './ChannelKindPicker';

export interface ChannelDialogProps {
  /** The channel to edit; without it the dialog adds one, starting with the choice of kind. */
  channel?: ChannelDto;
  teams: readonly TeamDto[];
  onClose: () => void;
  onSaved: (channel: ChannelDto) => void;
}

/** Adding (kind, then its form) or editing a channel. */
export function ChannelDialog({ channel, teams, onClose, onSaved }: ChannelDialogProps) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<ChannelKind>(channel?.kind ?? 'email');
  const [kind, setKind] = useState<ChannelKind | null>(channel?.kind ?? null);
  return (
    <Dialog
      title={
        channel ? t('channels.form.editTitle', { name: channel.name }) : t('channels.form.addTitle')
      }
      onClose={onClose}
      closeLabel={t('channels.form.close')}
      data-testid="channel-dialog"
    >
      <div className="tp-channel-dialog">
        {kind === null ? (
          <ChannelKindPicker
            value={picked}
            onChange={setPicked}
            onContinue={() => setKind(picked)}
            onCancel={onClose}
          />
        ) : (
          <ChannelForm
            key={kind}
            kind={kind}
            channel={channel}
            teams={teams}
            onBack={channel ? undefined : () => setKind(null)}
            onCancel={onClose}
            onSaved={onSaved}
          />
        )}
      </div>
    </Dialog>
  );
}
