import { useTranslation } from 'react-i18next';
import type { CannedResponseDto } from '@touchpoint/shared';
import './canned-responses.css';

export interface CannedResponseListProps {
  id: string;
  optionId: (index: number) => string;
  query: string;
  matches: CannedResponseDto[];
  activeIndex: number;
  onPick: (response: CannedResponseDto) => void;
  label: string;
}

/** The picker's list below the composer's text field (see useCannedResponsePicker). */
export function CannedResponseList({
  id,
  optionId,
  query,
  matches,
  activeIndex,
  onPick,
  label,
}: CannedResponseListProps) {
  const { t } = useTranslation();
  if (matches.length === 0)
    return (
      <p
        className="tp-canned-picker tp-canned-picker--empty"
        role="status"
        data-testid="canned-picker-empty"
      >
        {t('cannedResponses.picker.none', { query })}
      </p>
    );
  return (
    <div className="tp-canned-picker" data-testid="canned-picker">
      <ul id={id} role="listbox" aria-label={label} className="tp-canned-picker__list">
        {matches.map((response, index) => (
          <li
            key={response.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === activeIndex}
            className={`tp-canned-picker__option${
              index === activeIndex ? ' tp-canned-picker__option--active' : ''
            }`}
            // Keeps the focus (and the cursor) in the text field.
            onMouseDown={(event) => {
              event.preventDefault();
              onPick(response);
            }}
            data-testid="canned-option"
          >
            <span className="tp-canned-picker__shortcut">/{response.shortcut}</span>
            <span className="tp-canned-picker__title">{response.title}</span>
            <span className="tp-canned-picker__language" lang={response.language}>
              {response.language.toUpperCase()}
            </span>
            <span className="tp-canned-picker__preview">{response.body.split('\n')[0]}</span>
          </li>
        ))}
      </ul>
      <p className="tp-canned-picker__hint">{t('cannedResponses.picker.hint')}</p>
    </div>
  );
}
