import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../ui/Icon';
import { openMessageSearch } from '../../search/states/search.store';
import '../../search/components/search.css';

const DEBOUNCE_MS = 300;

/**
 * Narrows the list as you type (after a short pause; Enter at once) by contact, subject and latest
 * message, and offers to search every message, note and contact field of the conversations the
 * user may see (the results take the list's place).
 */
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
      {text.trim().length >= 2 ? (
        <button
          type="button"
          className="tp-button tp-button--ghost tp-search-all"
          onClick={() => openMessageSearch(text)}
          data-testid="search-all-messages"
        >
          {t('search.searchAll', { q: text.trim() })}
        </button>
      ) : null}
    </form>
  );
}
