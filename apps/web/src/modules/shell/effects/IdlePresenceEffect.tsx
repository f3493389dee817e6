import { useEffect } from 'react';
import { useRealtimeConnection } from '../../realtime/hooks/useRealtimeConnection';
import { IdleTracker } from '../idle-tracker';

/** What counts as the user being at this tab. */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const;

/**
 * Tells the server when this tab has had no input for a while, and when it has again. The server
 * puts the user away only once all their tabs are idle, and never undoes a chosen away.
 */
export function IdlePresenceEffect() {
  const connection = useRealtimeConnection();

  useEffect(() => {
    if (!connection) return undefined;
    const tracker = new IdleTracker((idle) => connection.reportIdle(idle));
    const onInput = () => tracker.input();
    const onVisible = () => {
      if (document.visibilityState === 'visible') tracker.input();
    };
    const passive = { passive: true } as const;
    INPUT_EVENTS.forEach((type) => window.addEventListener(type, onInput, passive));
    document.addEventListener('visibilitychange', onVisible, passive);
    // A fresh start counts as input, also for a connection an earlier run left idle.
    connection.reportIdle(false);
    tracker.start();
    return () => {
      tracker.stop();
      INPUT_EVENTS.forEach((type) => window.removeEventListener(type, onInput));
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [connection]);

  return null;
}
