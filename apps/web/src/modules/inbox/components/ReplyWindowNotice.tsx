import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ChannelKind } from '@touchpoint/shared';
import { currentLocale } from '../../../lib/i18n';
import { Icon } from '../../../ui/Icon';
import { windowTime, type ReplyWindowState } from '../format/reply-window';
import './reply-window.css';

/**
 * How a provider's window is put in words: WhatsApp (free text for 24 hours, then only approved
 * templates), Meta's page messaging on Messenger and Instagram (replies for 7 days, then none at
 * all), or any other provider's window (said without the provider's rules).
 */
type WindowWording = 'whatsapp' | 'page' | 'other';

function wordingOf(kind: ChannelKind | undefined): WindowWording {
  if (kind === 'whatsapp') return 'whatsapp';
  if (kind === 'messenger' || kind === 'instagram') return 'page';
  return 'other';
}

const CLOSED_KEYS = {
  whatsapp: 'inbox.composer.windowClosed',
  page: 'inbox.composer.windowClosedPage',
  other: 'inbox.composer.windowClosedOther',
} as const satisfies Record<WindowWording, string>;

const NEVER_OPENED_KEYS = {
  whatsapp: 'inbox.composer.windowNeverOpened',
  page: 'inbox.composer.windowNeverOpenedPage',
  other: 'inbox.composer.windowNeverOpenedOther',
} as const satisfies Record<WindowWording, string>;

const REFUSED_KEYS = {
  whatsapp: 'inbox.composer.windowClosedRefused',
  page: 'inbox.composer.windowClosedRefusedPage',
  other: 'inbox.composer.windowClosedRefusedOther',
} as const satisfies Record<WindowWording, string>;

/** The provider's name as the texts use it ("Messenger"). */
const provider = (kind: ChannelKind | undefined, t: TFunction) =>
  kind ? t(`inbox.channelKinds.${kind}`) : '';

/** Why the server refused a free reply on a channel of this kind whose window is closed. */
export function windowRefusedText(kind: ChannelKind | undefined, t: TFunction): string {
  return t(REFUSED_KEYS[wordingOf(kind)], { provider: provider(kind, t) });
}

/**
 * Whether the channel's provider takes a free reply right now, in words: until when, or since when
 * not (WhatsApp: only an approved template; Messenger and Instagram: nothing until the customer
 * writes again). Announced politely when it changes (new customer message, the window running out).
 */
export function ReplyWindowNotice({
  id,
  state,
  channelKind,
  now,
}: {
  id: string;
  state: Exclude<ReplyWindowState, { kind: 'none' }>;
  /** The kind of the channel the reply goes through, whose provider's rules the text tells. */
  channelKind: ChannelKind;
  now: number;
}) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n);
  const wording = wordingOf(channelKind);
  const name = provider(channelKind, t);
  let text: string;
  if (state.kind === 'open')
    text = state.closesAt
      ? t('inbox.composer.windowOpen', { time: windowTime(state.closesAt, locale, now) })
      : t('inbox.composer.windowOpenNoTime');
  else
    text = state.closedAt
      ? t(CLOSED_KEYS[wording], {
          time: windowTime(state.closedAt, locale, now),
          provider: name,
        })
      : t(NEVER_OPENED_KEYS[wording], { provider: name });
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
