import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { HANDOFF_KINDS, type HandoffKind } from '@touchpoint/shared';

/**
 * Consult or transfer, as two large radio choices with a hint each; the texts come from
 * `<texts>.consult`, `<texts>.consultHint`, `<texts>.transfer`, `<texts>.transferHint`.
 */
export function HandoffKindChoice({
  value,
  onChange,
  texts,
  autoFocus = false,
  testIdPrefix,
}: {
  value: HandoffKind;
  onChange: (kind: HandoffKind) => void;
  texts: 'handoffs.pullIn' | 'handoffs.lead';
  /** The chosen option takes the dialog's first focus. */
  autoFocus?: boolean;
  /** Test ids `<prefix>-consult`, `<prefix>-transfer`. */
  testIdPrefix?: string;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="tp-pull-in__kinds">
      <legend className="tp-field__label">{t('handoffs.pullIn.kind')}</legend>
      {HANDOFF_KINDS.map((option) => (
        <label key={option} className={`tp-choice${option === value ? ' tp-choice--active' : ''}`}>
          <input
            type="radio"
            name={name}
            value={option}
            checked={option === value}
            onChange={() => onChange(option)}
            data-autofocus={autoFocus && option === value ? true : undefined}
            data-testid={testIdPrefix ? `${testIdPrefix}-${option}` : undefined}
          />
          <span className="tp-choice__text">
            <span className="tp-choice__title">{t(`${texts}.${option}`)}</span>
            <span className="tp-choice__hint">{t(`${texts}.${option}Hint`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
