import { useTranslation } from 'react-i18next';
import type { ChannelKind } from '@touchpoint/shared';
import { Icon } from '../../../ui/Icon';
import { CHANNEL_ICONS } from '../format/channels';

/** A channel kind's icon; its name is the tooltip and what screen readers hear. */
export function ChannelIcon({ kind, size = 16 }: { kind: ChannelKind; size?: number }) {
  const { t } = useTranslation();
  const label = t(`inbox.channelKinds.${kind}`);
  return (
    <span
      className={`tp-channel-icon tp-channel-icon--${kind}`}
      title={label}
      data-testid="channel-icon"
      data-kind={kind}
    >
      <Icon name={CHANNEL_ICONS[kind]} size={size} />
      <span className="tp-visually-hidden">{label}</span>
    </span>
  );
}
