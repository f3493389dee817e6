import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelDto } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import { channelConnection } from '../format/channel-connection';
import { channelErrorMessage } from '../format/channel-form';
import { KIND_SPECS } from '../format/channel-kinds';
import { useCheckChannel } from '../hooks/useCheckChannel';
import { useUpdateChannel } from '../hooks/useUpdateChannel';
import { CopyField } from './CopyField';

/** Id of a card's heading: focus goes there once a new channel is in the list. */
export const channelTitleId = (id: string) => `channel-${id}-title`;

export interface ChannelCardProps {
  channel: ChannelDto;
  /** Name of the default team; undefined when the team is not in the list. */
  teamName: string | undefined;
  /** Where the page is served from: the api answers webhooks there too. */
  origin: string;
  onEdit: () => void;
  onDelete: () => void;
}

/** One channel: what it is, where its conversations go, on/off, and what connects it. */
export function ChannelCard({ channel, teamName, origin, onEdit, onDelete }: ChannelCardProps) {
  const { t } = useTranslation();
  const toggle = useUpdateChannel();
  const check = useCheckChannel();
  const switchLabelId = useId();
  const connectTitleId = useId();
  const titleId = channelTitleId(channel.id);
  const connection = channelConnection(channel, origin);
  const kindName = t(`channels.kinds.${channel.kind}`);

  return (
    <article
      className={`tp-channel-card${channel.enabled ? '' : ' tp-channel-card--disabled'}`}
      aria-labelledby={titleId}
      data-testid="channel-card"
      data-channel-id={channel.id}
    >
      <header className="tp-channel-card__head">
        <span className={`tp-channel-card__icon tp-channel-card__icon--${channel.kind}`}>
          <Icon name={KIND_SPECS[channel.kind].icon} size={22} />
        </span>
        <div className="tp-channel-card__who">
          <h3 id={titleId} className="tp-channel-card__name" tabIndex={-1}>
            {channel.name}
          </h3>
          <p className="tp-channel-card__meta">
            <span className="tp-channel-card__kind" data-testid="channel-kind">
              <span className="tp-visually-hidden">
                {t('channels.card.kind', { kind: kindName })}
              </span>
              <span aria-hidden="true">{kindName}</span>
            </span>
            <span aria-hidden="true"> · </span>
            <span data-testid="channel-team">
              {t('channels.card.team', { team: teamName ?? t('channels.card.teamUnknown') })}
            </span>
          </p>
        </div>
        <span
          className={`tp-channel-card__status tp-channel-card__status--${channel.enabled ? 'on' : 'off'}`}
          data-testid="channel-status"
        >
          {channel.enabled ? t('channels.card.enabled') : t('channels.card.disabled')}
        </span>
        <div className="tp-channel-card__actions">
          <span className="tp-channel-switch">
            <input
              id={`${switchLabelId}-input`}
              type="checkbox"
              role="switch"
              checked={channel.enabled}
              disabled={toggle.isPending}
              aria-labelledby={`${switchLabelId} ${titleId}`}
              onChange={(event) =>
                toggle.mutate({ id: channel.id, body: { enabled: event.target.checked } })
              }
              data-testid="channel-enabled"
            />
            <label id={switchLabelId} htmlFor={`${switchLabelId}-input`}>
              {t('channels.card.toggle')}
            </label>
          </span>
          <Button
            variant="secondary"
            busy={check.isPending}
            onClick={() => check.mutate(channel.id)}
            aria-label={t('channels.check.label', { name: channel.name })}
            data-testid="channel-check"
          >
            {t('channels.check.button')}
          </Button>
          <Button
            variant="secondary"
            onClick={onEdit}
            aria-label={t('channels.card.editLabel', { name: channel.name })}
            data-testid="channel-edit"
          >
            {t('channels.card.edit')}
          </Button>
          <Button
            variant="ghost"
            onClick={onDelete}
            aria-label={t('channels.card.deleteLabel', { name: channel.name })}
            data-testid="channel-delete"
          >
            {t('channels.card.delete')}
          </Button>
        </div>
      </header>

      {toggle.isError ? (
        <Alert
          tone="error"
          title={t('channels.card.toggleFailed', { name: channel.name })}
          data-testid="channel-toggle-error"
        >
          {channelErrorMessage(toggle.error, t)}
        </Alert>
      ) : null}
      {check.isSuccess ? (
        <Alert
          tone={check.data.ok ? 'success' : 'error'}
          title={check.data.ok ? t('channels.check.ok') : t('channels.check.problem')}
          data-testid="channel-check-result"
        >
          {check.data.message}
        </Alert>
      ) : null}
      {check.isError ? (
        <Alert tone="error" title={t('channels.check.failed')} data-testid="channel-check-result">
          {channelErrorMessage(check.error, t)}
        </Alert>
      ) : null}
      {channel.enabled ? null : (
        <p className="tp-channel-card__disabled">{t('channels.card.disabledHint')}</p>
      )}

      <section
        className="tp-channel-card__connect"
        aria-labelledby={connectTitleId}
        data-testid="channel-connect"
      >
        <h4 id={connectTitleId} className="tp-channel-card__subtitle">
          {t('channels.connect.title')}
        </h4>
        {connection.items.map((item) => (
          <CopyField
            key={item.id}
            label={t(`channels.connect.labels.${item.id}`)}
            value={item.value}
            multiline={item.snippet}
            openable={item.link}
            data-testid={`channel-connect-${item.id}`}
          />
        ))}
        {connection.hints.map((hint) => (
          <p key={hint} className="tp-field__hint tp-channel-card__hint">
            {t(`channels.connect.hints.${hint}`, connection.values ?? {})}
          </p>
        ))}
      </section>
    </article>
  );
}
