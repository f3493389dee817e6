import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_KINDS, type ChannelKind } from '@touchpoint/shared';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';
import { KIND_SPECS } from '../format/channel-kinds';

export interface ChannelKindPickerProps {
  value: ChannelKind;
  onChange: (kind: ChannelKind) => void;
  onContinue: () => void;
  onCancel: () => void;
}

/** The first step of adding a channel: which provider. Arrow keys move between the kinds. */
export function ChannelKindPicker({
  value,
  onChange,
  onContinue,
  onCancel,
}: ChannelKindPickerProps) {
  const { t } = useTranslation();
  const base = useId();
  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onContinue();
  };
  return (
    <form className="tp-channel-kinds" onSubmit={handleSubmit} data-testid="channel-kind-picker">
      <fieldset className="tp-channel-kinds__group">
        <legend className="tp-team-form__legend">{t('channels.form.kindLegend')}</legend>
        <div className="tp-channel-kinds__grid">
          {CHANNEL_KINDS.map((kind) => (
            <label
              key={kind}
              className={`tp-channel-kinds__option${kind === value ? ' tp-channel-kinds__option--checked' : ''}`}
            >
              <input
                type="radio"
                name={`${base}-kind`}
                value={kind}
                checked={kind === value}
                onChange={() => onChange(kind)}
                aria-labelledby={`${base}-${kind}-name`}
                aria-describedby={`${base}-${kind}-intro`}
                data-autofocus={kind === value ? true : undefined}
                autoFocus={kind === value}
              />
              <span className={`tp-channel-card__icon tp-channel-card__icon--${kind}`}>
                <Icon name={KIND_SPECS[kind].icon} size={20} />
              </span>
              <span className="tp-channel-kinds__text">
                <span id={`${base}-${kind}-name`} className="tp-channel-kinds__name">
                  {t(`channels.kinds.${kind}`)}
                </span>
                <span id={`${base}-${kind}-intro`} className="tp-channel-kinds__intro">
                  {t(`channels.kindIntros.${kind}`)}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="tp-dialog__footer">
        <Button variant="ghost" onClick={onCancel}>
          {t('channels.form.cancel')}
        </Button>
        <Button type="submit" data-testid="channel-kind-continue">
          {t('channels.form.continue')}
        </Button>
      </div>
    </form>
  );
}
