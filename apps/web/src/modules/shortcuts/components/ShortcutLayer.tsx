import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMatch, useNavigate } from 'react-router-dom';
import { apiErrorMessage } from '../../../lib/api-error-message';
import { useStore } from '../../../lib/store';
import { KeyboardShortcutsEffect } from '../effects/KeyboardShortcutsEffect';
import type { ShortcutAction } from '../format/shortcuts';
import { useConversationCommands } from '../hooks/useConversationCommands';
import { shortcutOverlayStore, type ShortcutOverlay } from '../states/shortcut-overlay.store';
import { CommandPalette } from './CommandPalette';
import { ShortcutHelpDialog } from './ShortcutHelpDialog';
import './shortcuts.css';

const whole = (overlay: ShortcutOverlay) => overlay;

/** The rows of the conversation list as shown, each a link carrying its conversation's id. */
function listedConversations(): HTMLAnchorElement[] {
  return [
    ...document.querySelectorAll<HTMLAnchorElement>('a[data-testid="conversation-item"]'),
  ].filter((row) => row.dataset['conversationId']);
}

function searchField(): HTMLInputElement | null {
  return document.querySelector<HTMLInputElement>('.tp-search__input');
}

/**
 * The keyboard layer over every signed-in page: j/k through the conversation list, r reply, n note,
 * p pull in, e resolve, / search, ? the shortcut help, Ctrl/Cmd+K the command palette. Letters act
 * only while no text field has focus and no dialog is open; what they did is announced.
 */
export function ShortcutLayer() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const overlay = useStore(shortcutOverlayStore, whole);
  const [notice, setNotice] = useState('');
  const openId = useMatch('/inbox/:conversationId')?.params.conversationId;
  const conversation = useConversationCommands({
    done: (what) => setNotice(t(`shortcuts.done.${what}`)),
    failed: (error) => setNotice(apiErrorMessage(error, t)),
  });
  const close = () => shortcutOverlayStore.set(null);

  const move = (step: 1 | -1): boolean => {
    const rows = listedConversations();
    if (rows.length === 0) return false;
    const at = rows.findIndex((row) => row.dataset['conversationId'] === openId);
    const index =
      at === -1
        ? step === 1
          ? 0
          : rows.length - 1
        : Math.min(Math.max(at + step, 0), rows.length - 1);
    const row = rows[index];
    const id = row?.dataset['conversationId'];
    if (!row || !id) return false;
    if (id !== openId) navigate(`/inbox/${id}`);
    row.focus();
    return true;
  };

  const run = (action: ShortcutAction, inDialog: boolean): boolean => {
    if (action === 'palette') {
      if (overlay === 'palette') close();
      else if (!inDialog) shortcutOverlayStore.set('palette');
      else return false;
      return true;
    }
    if (inDialog) return false;
    setNotice('');
    switch (action) {
      case 'next':
        return move(1);
      case 'previous':
        return move(-1);
      case 'reply':
      case 'note':
        conversation?.write(action);
        return conversation !== null;
      case 'pullIn':
        conversation?.pullIn?.();
        return Boolean(conversation?.pullIn);
      case 'resolve':
        conversation?.resolve?.();
        return Boolean(conversation?.resolve);
      case 'search': {
        const field = searchField();
        field?.focus();
        return field !== null;
      }
      case 'help':
        shortcutOverlayStore.set('help');
        return true;
      default:
        return false;
    }
  };

  return (
    <>
      <KeyboardShortcutsEffect onShortcut={run} />
      <p className="tp-visually-hidden" role="status" data-testid="shortcut-notice">
        {notice}
      </p>
      {overlay === 'help' ? <ShortcutHelpDialog onClose={close} /> : null}
      {overlay === 'palette' ? (
        <CommandPalette onClose={close} conversation={conversation} />
      ) : null}
    </>
  );
}
