import { createStore } from '../../../lib/store';

/** How the app looks for a user: always light, always dark, or as the system says. */
export const THEME_PREFERENCES = ['system', 'light', 'dark'] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];
export type Theme = 'light' | 'dark';

/** localStorage key of one user's choice in this browser. */
export function themePreferenceKey(userId: string): string {
  return `touchpoint.theme.${userId}`;
}

function isThemePreference(value: unknown): value is ThemePreference {
  return THEME_PREFERENCES.includes(value as ThemePreference);
}

/** The user's stored choice; the system's setting until they chose. */
export function storedThemePreference(userId: string): ThemePreference {
  try {
    const raw = window.localStorage.getItem(themePreferenceKey(userId));
    return isThemePreference(raw) ? raw : 'system';
  } catch {
    return 'system';
  }
}

/** The signed-in user's choice ('system' while nobody is signed in). */
export const themePreferenceStore = createStore<ThemePreference>('system');

/** Reads the choice of the user now signed in (or forgets it on sign-out). */
export function loadThemePreference(userId: string | undefined): void {
  themePreferenceStore.set(userId ? storedThemePreference(userId) : 'system');
}

/** Changes and remembers the user's choice. */
export function changeThemePreference(userId: string, preference: ThemePreference): void {
  themePreferenceStore.set(preference);
  try {
    window.localStorage.setItem(themePreferenceKey(userId), preference);
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
}

/** The theme shown: the user's choice, or for 'system' the browser's `prefers-color-scheme`. */
export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): Theme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light';
  return preference;
}
