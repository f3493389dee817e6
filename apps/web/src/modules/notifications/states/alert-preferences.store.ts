import { createStore } from '../../../lib/store';

/** This browser's alerts beside the bell, both off until the user switches them on. */
export interface AlertPreferences {
  /** A desktop notification (the browser's, once it allows them) while Touchpoint is not in front. */
  desktop: boolean;
  /** A short chime. */
  sound: boolean;
}

/** localStorage key: the choice belongs to this browser (its permission, its speakers). */
export const ALERT_PREFERENCES_KEY = 'touchpoint.alerts';

const OFF: AlertPreferences = { desktop: false, sound: false };

function stored(): AlertPreferences {
  try {
    const raw = window.localStorage.getItem(ALERT_PREFERENCES_KEY);
    const value: unknown = raw ? JSON.parse(raw) : null;
    if (!value || typeof value !== 'object') return OFF;
    const { desktop, sound } = value as Record<string, unknown>;
    return { desktop: desktop === true, sound: sound === true };
  } catch {
    return OFF;
  }
}

export const alertPreferencesStore = createStore<AlertPreferences>(OFF);

/** Reads the stored choice (at start, and again for each signed-in page load). */
export function loadAlertPreferences(): void {
  alertPreferencesStore.set(stored());
}

/** Changes and remembers the choice. */
export function changeAlertPreferences(patch: Partial<AlertPreferences>): void {
  const next = { ...alertPreferencesStore.get(), ...patch };
  alertPreferencesStore.set(next);
  try {
    window.localStorage.setItem(ALERT_PREFERENCES_KEY, JSON.stringify(next));
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
}
