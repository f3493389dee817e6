import { useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHOSEN_PRESENCE_STATUSES, type ChosenPresenceStatus } from '@touchpoint/shared';
import { Alert } from '../../../ui/Alert';
import { usePopoverDismiss } from '../../../ui/usePopoverDismiss';
import { useConnectionState } from '../../realtime/hooks/useConnectionState';
import { useRealtimeConnection } from '../../realtime/hooks/useRealtimeConnection';
import { useMyPresence } from '../hooks/useMyPresence';
import { useSetPresence } from '../hooks/useSetPresence';
import './presence.css';

/** What the control shows: `idle` is away because every tab has been idle, not by choice. */
type Shown = 'online' | 'away' | 'idle' | 'offline';

/**
 * The user's own status next to their menu: a dot and "Online", "Away", "Away (idle)" or
 * "Offline" (no live connection). It opens the choice of Online or Away; away stays until the user
 * chooses online, while away by inactivity ends with the next input.
 */
export function PresenceMenu({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const connected = useConnectionState(useRealtimeConnection()) === 'connected';
  const mine = useMyPresence(userId);
  const setPresence = useSetPresence();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  const close = useCallback(() => setOpen(false), []);
  const dismiss = usePopoverDismiss({ open, onClose: close, returnFocusTo: toggle, root });

  const idle = mine?.status === 'away' && mine.idle === true;
  // Until the server's word arrives, a connected user is online.
  const shown: Shown = !connected ? 'offline' : idle ? 'idle' : (mine?.status ?? 'online');
  const chosen: ChosenPresenceStatus = mine?.status === 'away' && !idle ? 'away' : 'online';

  const choose = (status: ChosenPresenceStatus) =>
    setPresence.mutate(status, {
      onSuccess: () => {
        setOpen(false);
        toggle.current?.focus();
      },
    });

  return (
    <div ref={root} className="tp-presence" onKeyDown={dismiss.onKeyDown} onBlur={dismiss.onBlur}>
      <button
        ref={toggle}
        type="button"
        className={`tp-presence__toggle tp-presence--${shown}`}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={t('presence.status.label', { status: t(`presence.status.${shown}`) })}
        title={t(`presence.status.${shown}Hint`)}
        disabled={!connected}
        onClick={() => {
          setPresence.reset();
          setOpen((wasOpen) => !wasOpen);
        }}
        data-testid="presence-status"
        data-status={shown}
      >
        <span className="tp-presence__dot" aria-hidden="true" />
        <span>{t(`presence.status.${shown}`)}</span>
      </button>
      {open && connected ? (
        <div
          id={panelId}
          className="tp-popover tp-presence__panel"
          role="group"
          aria-label={t('presence.status.choose')}
          data-testid="presence-menu"
        >
          {CHOSEN_PRESENCE_STATUSES.map((status) => (
            <button
              key={status}
              type="button"
              className={`tp-presence__option tp-presence--${status}`}
              aria-pressed={chosen === status}
              disabled={setPresence.isPending}
              onClick={() => choose(status)}
              data-testid={`presence-choose-${status}`}
            >
              <span className="tp-presence__dot" aria-hidden="true" />
              <span className="tp-presence__text">
                <span className="tp-presence__name">{t(`presence.status.${status}`)}</span>
                <span className="tp-presence__hint">{t(`presence.status.${status}Choice`)}</span>
              </span>
            </button>
          ))}
          {setPresence.isError ? (
            <Alert tone="error" data-testid="presence-error">
              {t('presence.status.failed')}
            </Alert>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
