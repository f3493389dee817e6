import { useQuery } from '@tanstack/react-query';
import { useId, useState, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { LOCALES } from '@touchpoint/shared';
import { searchApi, type SearchRequest } from '../../../api/search.api';
import { chooseLocale, currentLocale } from '../../../lib/i18n';
import { queryKeys } from '../../../lib/query-keys';
import { Dialog } from '../../../ui/Dialog';
import { useMe } from '../../auth/hooks/useMe';
import { contactName } from '../../contacts/contact-name';
import { inboxViewsFor } from '../../inbox/format/inbox-views';
import { inboxFiltersStore, normalizeFilters } from '../../inbox/states/inbox-filters.store';
import { navItemsFor } from '../../shell/navigation';
import { matchCommands, type PaletteCommand } from '../format/palette-commands';
import type { ConversationCommands } from '../hooks/useConversationCommands';

/** How many conversations the palette offers for a contact's name. */
const CONVERSATION_HITS = 5;

/** Conversations whose contact (or words) match, for "open a conversation by contact name". */
function useConversationHits(text: string) {
  const q = text.trim();
  const query: SearchRequest = { q, limit: CONVERSATION_HITS };
  return useQuery({
    queryKey: queryKeys.messageSearch(query),
    queryFn: ({ signal }) => searchApi.search(query, signal),
    enabled: q.length >= 2,
    staleTime: 30_000,
  });
}

/**
 * Ctrl/Cmd+K: type to find a command and press Enter. Goes to the inbox views and pages, opens a
 * conversation by its contact's name, acts on the open conversation (reply, note, claim, resolve,
 * pull in) and switches the language.
 */
export function CommandPalette({
  onClose,
  conversation,
}: {
  onClose: () => void;
  conversation: ConversationCommands | null;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const hits = useConversationHits(text);

  const onConversation: PaletteCommand[] = [];
  if (conversation) {
    const group = t('shortcuts.palette.groups.conversation');
    const add = (
      id: 'reply' | 'note' | 'claim' | 'resolve' | 'pullIn',
      run: (() => void) | undefined,
    ) => {
      if (run)
        onConversation.push({ id, label: t(`shortcuts.palette.commands.${id}`), group, run });
    };
    add('reply', () => conversation.write('reply'));
    add('note', () => conversation.write('note'));
    add('claim', conversation.claim);
    add('resolve', conversation.resolve);
    add('pullIn', conversation.pullIn);
  }

  // Found conversations match by their contact (or their words), not by the label.
  const found: PaletteCommand[] = (text.trim().length >= 2 ? (hits.data?.items ?? []) : []).map(
    ({ conversation: hit }) => ({
      id: `open:${hit.id}`,
      label: t('shortcuts.palette.commands.open', {
        name: contactName(hit.contact.name, t, hit.createdAt),
      }),
      group: t('shortcuts.palette.groups.conversations'),
      run: () => navigate(`/inbox/${hit.id}`),
    }),
  );

  const elsewhere: PaletteCommand[] = [];
  if (me) {
    const group = t('shortcuts.palette.groups.goTo');
    for (const option of inboxViewsFor(me, undefined)) {
      const view =
        option.view === 'team'
          ? t('inbox.views.team', { name: option.teamName ?? '' })
          : t(`inbox.views.${option.view}`);
      elsewhere.push({
        id: `view:${option.key}`,
        label: t('shortcuts.palette.commands.view', { view }),
        group,
        run: () => {
          inboxFiltersStore.set((current) =>
            normalizeFilters({ ...current, view: option.view, teamId: option.teamId }),
          );
          navigate('/inbox');
        },
      });
    }
    for (const item of navItemsFor(me.role).filter((nav) => nav.section !== 'inbox')) {
      elsewhere.push({
        id: `page:${item.section}`,
        label: t('shortcuts.palette.commands.page', { page: t(`nav.${item.section}`) }),
        group,
        run: () => navigate(item.path),
      });
    }
    elsewhere.push({
      id: 'page:account',
      label: t('shortcuts.palette.commands.page', { page: t('shell.account') }),
      group,
      run: () => navigate('/account'),
    });
  }
  const language = currentLocale(i18n);
  for (const locale of LOCALES.filter((other) => other !== language)) {
    elsewhere.push({
      id: `language:${locale}`,
      label: t('shortcuts.palette.commands.language', { language: t(`language.${locale}`) }),
      group: t('shortcuts.palette.groups.settings'),
      run: () => void chooseLocale(i18n, locale),
    });
  }

  const shown = [
    ...matchCommands(onConversation, text),
    ...found,
    ...matchCommands(elsewhere, text),
  ];
  const current = Math.min(active, Math.max(shown.length - 1, 0));

  const choose = (command: PaletteCommand | undefined) => {
    if (!command) return;
    // Closed first, so focus is back where it was before the command moves it (into the composer).
    flushSync(onClose);
    command.run();
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step !== undefined) {
      event.preventDefault();
      if (shown.length > 0) setActive((current + step + shown.length) % shown.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(shown[current]);
    }
  };

  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <Dialog
      title={t('shortcuts.palette.title')}
      onClose={onClose}
      closeLabel={t('shortcuts.close')}
      data-testid="command-palette"
    >
      <input
        className="tp-field__input tp-palette__input"
        type="text"
        role="combobox"
        aria-label={t('shortcuts.palette.label')}
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown.length > 0 ? optionId(current) : undefined}
        aria-autocomplete="list"
        placeholder={t('shortcuts.palette.placeholder')}
        autoComplete="off"
        value={text}
        data-autofocus
        data-testid="command-palette-input"
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
        }}
        onKeyDown={handleKeyDown}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={t('shortcuts.palette.results')}
        className="tp-palette__list"
      >
        {shown.map((command, index) => (
          <li
            key={command.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === current}
            className={`tp-palette__option${index === current ? ' tp-palette__option--active' : ''}`}
            data-testid="command-palette-option"
            data-command={command.id}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(command)}
          >
            <span className="tp-palette__label">{command.label}</span>
            <span className="tp-palette__group">{command.group}</span>
          </li>
        ))}
      </ul>
      {shown.length === 0 ? (
        <p className="tp-palette__empty" role="status">
          {t('shortcuts.palette.none')}
        </p>
      ) : null}
    </Dialog>
  );
}
