import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../ui/Icon';

const DEBOUNCE_MS = 300;

/** Searches as you type (after a short pause); Enter searches at once. */
export function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  const search = (q: string) => {
    clearTimeout(timer.current);
    onSearch(q);
  };

  return (
    <form
      className="tp-search"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        search(text);
      }}
    >
      <label htmlFor={id} className="tp-visually-hidden">
        {t('inbox.filters.search')}
      </label>
      <Icon name="search" size={16} className="tp-search__icon" />
      <input
        id={id}
        className="tp-search__input"
        type="search"
        value={text}
        placeholder={t('inbox.filters.searchPlaceholder')}
        autoComplete="off"
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => onSearch(next), DEBOUNCE_MS);
        }}
      />
    </form>
  );
}
