import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import {
  describedBy,
  SettingsCheckbox,
  SettingsField,
  type FieldIds,
} from '../../settings/components/SettingsField';
import type { PlacedField } from '../format/channel-kinds';

export interface ChannelConfigFieldProps {
  field: PlacedField;
  ids: FieldIds;
  value: string | boolean;
  onChange: (value: string | boolean) => void;
  error?: string;
  /** The server holds a value for this secret: empty keeps it. */
  savedSecret: boolean;
  /** A secret shown in clear text (the admin asked, or generated it). */
  revealed: boolean;
  onReveal: (revealed: boolean) => void;
}

/** A new random shared secret: 40 hex digits, fine for every provider's token rules. */
export function generateSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** One value of a channel's config: the input its kind needs, label, help text and error. */
export function ChannelConfigField({
  field,
  ids,
  value,
  onChange,
  error,
  savedSecret,
  revealed,
  onReveal,
}: ChannelConfigFieldProps) {
  const { t } = useTranslation();
  const name = t(`channels.fields.${field.label}`);
  const label = field.optional ? `${name} ${t('channels.form.optional')}` : name;
  const hint = [
    field.hint ? t(`channels.hints.${field.hint}`) : '',
    savedSecret ? t('channels.form.secretKept') : '',
    field.generate && !savedSecret ? t('channels.form.secretInvented') : '',
  ]
    .filter(Boolean)
    .join(' ');
  const testId = `channel-config-${field.path}`;

  if (field.input === 'checkbox') {
    return (
      <SettingsCheckbox
        ids={ids}
        label={label}
        hint={hint}
        checked={value === true}
        onChange={onChange}
        error={error}
        data-testid={testId}
      />
    );
  }

  const text = typeof value === 'string' ? value : '';
  const common = {
    id: ids.control,
    value: text,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(ids, Boolean(hint), error),
    'data-testid': testId,
  };

  let control;
  switch (field.input) {
    case 'lines':
      control = (
        <textarea
          {...common}
          className="tp-field__input tp-channel-form__lines"
          rows={3}
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
        />
      );
      break;
    case 'secret':
      control = (
        <div className="tp-channel-form__secret">
          <input
            {...common}
            className="tp-field__input"
            type={revealed ? 'text' : 'password'}
            // Never the browser's saved login: these are the provider's credentials.
            autoComplete="new-password"
            spellCheck={false}
            placeholder={savedSecret ? '••••••••' : undefined}
            onChange={(event) => onChange(event.target.value)}
          />
          <Button
            variant="ghost"
            aria-pressed={revealed}
            aria-label={t('channels.form.showLabel', { field: name })}
            onClick={() => onReveal(!revealed)}
          >
            {t('channels.form.show')}
          </Button>
          {field.generate ? (
            <Button
              variant="secondary"
              aria-label={t('channels.form.generateLabel', { field: name })}
              onClick={() => {
                onChange(generateSecret());
                onReveal(true);
              }}
            >
              {t('channels.form.generate')}
            </Button>
          ) : null}
        </div>
      );
      break;
    default:
      control = (
        <input
          {...common}
          className={`tp-field__input${field.input === 'number' ? ' tp-channel-form__number' : ''}`}
          type={field.input === 'number' ? 'number' : field.input}
          inputMode={field.input === 'number' ? 'numeric' : undefined}
          min={field.input === 'number' ? 1 : undefined}
          max={field.input === 'number' ? 65535 : undefined}
          autoComplete="off"
          spellCheck={field.input === 'text' && /greeting$/i.test(field.key)}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }

  return (
    <SettingsField ids={ids} label={label} hint={hint || undefined} error={error}>
      {control}
    </SettingsField>
  );
}
