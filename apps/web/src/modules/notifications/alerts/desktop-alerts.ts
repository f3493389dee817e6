import type { NotificationKind } from '@touchpoint/shared';

/** What deserves an alert beside the bell: work that now waits for this user. */
export const ALERT_KINDS: readonly NotificationKind[] = [
  'conversation.assigned',
  'mention',
  'team_mention',
  'suggestion.waiting',
];

export type DesktopPermission = NotificationPermission | 'unsupported';

export function desktopPermission(): DesktopPermission {
  return typeof window !== 'undefined' && 'Notification' in window
    ? window.Notification.permission
    : 'unsupported';
}

/** Asks the browser (it asks the user once); answers what it allows now. */
export async function askDesktopPermission(): Promise<DesktopPermission> {
  if (desktopPermission() === 'unsupported') return 'unsupported';
  return window.Notification.requestPermission();
}

/** Whether the user is looking at Touchpoint right now (then the bell is enough). */
function inFront(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

/**
 * A desktop notification, while Touchpoint is not in front and the browser allows it; clicking it
 * brings the window back and calls `onClick`. One per notification (`tag`), also across tabs.
 */
export function showDesktopAlert(
  alert: { id: string; title: string; body: string },
  onClick: () => void,
): void {
  if (desktopPermission() !== 'granted' || inFront()) return;
  let shown: Notification;
  try {
    shown = new window.Notification(alert.title, { body: alert.body, tag: alert.id });
  } catch {
    return; // mobile browsers show notifications only through a service worker: the bell remains
  }
  shown.onclick = () => {
    window.focus();
    onClick();
    shown.close();
  };
}

let audio: AudioContext | null = null;

/** A short two-note chime, made on the spot (no sound file to load). Quiet where audio is missing. */
export function playChime(): void {
  const Context = typeof window !== 'undefined' ? window.AudioContext : undefined;
  if (!Context) return;
  audio ??= new Context();
  const start = audio.currentTime;
  for (const [index, frequency] of [880, 1320].entries()) {
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    const at = start + index * 0.12;
    tone.frequency.value = frequency;
    volume.gain.setValueAtTime(0.08, at);
    volume.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
    tone.connect(volume).connect(audio.destination);
    tone.start(at);
    tone.stop(at + 0.3);
  }
}
