import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../../realtime/hooks/useConnectionState';
import { useRealtimeConnection } from '../../realtime/hooks/useRealtimeConnection';

/** "Live" / "Connecting…" / "Offline": whether updates arrive in real time. */
export function ConnectionIndicator() {
  const { t } = useTranslation();
  const state = useConnectionState(useRealtimeConnection());
  return (
    <div
      className={`tp-connection tp-connection--${state}`}
      role="status"
      data-testid="connection-status"
      data-state={state}
      title={t(`connection.${state}Hint`)}
    >
      <span className="tp-connection__dot" aria-hidden="true" />
      <span>{t(`connection.${state}`)}</span>
    </div>
  );
}
