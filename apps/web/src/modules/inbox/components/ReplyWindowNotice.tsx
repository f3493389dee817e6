import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../lib/i18n';
import { Icon } from '../../../ui/Icon';
import { windowTime, type ReplyWindowState } from '../format/reply-window';
import './reply-window.css';

/**
 * Whether WhatsApp takes free text right now, in words: until when, or since when only an approved
 * template. Announced politely when it changes (new customer message, the window running out).
 */
export function ReplyWindowNotice({
  id,
  state,
  now,
}: {
  id: string;
  state: Exclude<ReplyWindowState, { kind: 'none' }>;
  now: number;
}) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  let text: string;
  if (state.kind === 'open')
    text = state.closesAt
      ? t('inbox.composer.windowOpen', { time: windowTime(state.closesAt, locale, now) })
      : t('inbox.composer.windowOpenNoTime');
  else
    text = state.closedAt
      ? t('inbox.composer.windowClosed', { time: windowTime(state.closedAt, locale, now) })
      : t('inbox.composer.windowNeverOpened');
  return (
    <p
      id={id}
      className={`tp-reply-window tp-reply-window--${state.kind}`}
      role="status"
      data-testid="reply-window"
      data-state={state.kind}
    >
      <Icon name={state.kind === 'open' ? 'clock' : 'lock'} size={14} />
      <span>{text}</span>
    </p>
  );
}
