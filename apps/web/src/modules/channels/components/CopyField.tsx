import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button';
import { Icon } from '../../../ui/Icon';

export interface CopyFieldProps {
  label: string;
  value: string;
  /** Several lines (an HTML snippet): shown in a text area. */
  multiline?: boolean;
  /** Also offer to open the value as a page. */
  openable?: boolean;
  'data-testid'?: string;
}

/**
 * A read-only value to paste elsewhere, with a copy button. Without clipboard access (a page
 * not served over https) the value is selected and the admin is told to press Ctrl+C.
 */
export function CopyField({ label, value, multiline, openable, ...rest }: CopyFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const control = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');

  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      control.current?.focus();
      control.current?.select();
      setState('manual');
    }
  };

  const common = {
    id,
    ref: control,
    readOnly: true,
    value,
    spellCheck: false,
    onFocus: () => control.current?.select(),
    'data-testid': rest['data-testid'],
  };

  return (
    <div className="tp-copy-field">
      <label className="tp-field__label" htmlFor={id}>
        {label}
      </label>
      <div className="tp-copy-field__row">
        {multiline ? (
          <textarea
            {...common}
            rows={2}
            className="tp-field__input tp-copy-field__value tp-copy-field__value--snippet"
          />
        ) : (
          <input {...common} className="tp-field__input tp-copy-field__value" />
        )}
        <Button
          variant="secondary"
          icon={state === 'copied' ? <Icon name="check" size={16} /> : undefined}
          aria-label={t('channels.connect.copyLabel', { what: label })}
          onClick={() => void copy()}
          onBlur={() => setState((current) => (current === 'copied' ? 'idle' : current))}
        >
          {t('channels.connect.copy')}
        </Button>
        {openable ? (
          <a
            className="tp-button tp-button--ghost"
            href={value}
            target="_blank"
            rel="noopener noreferrer"
            aria-label={t('channels.connect.openLabel', { what: label })}
          >
            {t('channels.connect.open')}
          </a>
        ) : null}
      </div>
      <p className="tp-copy-field__status" role="status">
        {state === 'copied'
          ? t('channels.connect.copied')
          : state === 'manual'
            ? t('channels.connect.copyManually')
            : ''}
      </p>
    </div>
  );
}
