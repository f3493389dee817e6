import { useTranslation } from 'react-i18next';
import type { MessageDto } from '@touchpoint/shared';
import { Icon } from '../../../ui/Icon';
import { ChannelIcon } from './ChannelIcon';
import { RelativeTime } from './RelativeTime';
import { contactName } from '../../contacts/contact-name';

/** 3:04, or 1:02:05 for a long call. */
export function formatCallDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * A phone call in the timeline: who called whom, how it ended, how long it took, the recording and
 * the voicemail's transcript (or the note of the agent who logged it). Never mistaken for a message:
 * it is a line of its own across the thread.
 */
export function CallCard({ message }: { message: MessageDto }) {
  const { t, i18n } = useTranslation();
  const call = message.call;
  if (!call) return null;
  const missed = call.outcome !== 'answered';
  const who =
    message.author.type === 'contact'
      ? contactName(message.author.name, t)
      : message.author.name || t('inbox.call.someone');
  return (
    <article
      className={`tp-call${missed ? ' tp-call--missed' : ''}`}
      data-testid="call"
      data-seq={message.seq}
      data-outcome={call.outcome}
    >
      <header className="tp-call__header">
        <Icon name="phone" size={15} />
        <strong className="tp-call__title">
          {t(`inbox.call.title.${call.direction}`)} · {t(`inbox.call.outcome.${call.outcome}`)}
        </strong>
        {call.outcome === 'answered' ? (
          <span className="tp-call__duration" data-testid="call-duration">
            {formatCallDuration(call.durationSeconds)}
          </span>
        ) : null}
        <RelativeTime at={call.startedAt ?? message.createdAt} className="tp-call__time" />
      </header>
      <p className="tp-call__who">
        {message.channel ? (
          <span className="tp-call__channel">
            <ChannelIcon kind={message.channel.kind} size={13} />
            {message.channel.name}
          </span>
        ) : (
          t('inbox.call.loggedBy', { name: who })
        )}
        {call.from || call.to ? (
          <span className="tp-call__numbers">
            {[call.from, call.to].filter(Boolean).join(' → ')}
          </span>
        ) : null}
      </p>
      {message.text ? (
        <p
          className="tp-call__text"
          lang={message.author.type === 'contact' ? undefined : i18n.language}
        >
          <span className="tp-visually-hidden">
            {call.outcome === 'voicemail' ? t('inbox.call.transcript') : t('inbox.call.note')}:{' '}
          </span>
          {message.text}
        </p>
      ) : null}
      {call.recordingUrl ? (
        <a
          className="tp-call__recording"
          href={call.recordingUrl}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="call-recording"
        >
          {t('inbox.call.recording')}
        </a>
      ) : null}
    </article>
  );
}
