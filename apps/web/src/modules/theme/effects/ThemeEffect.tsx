import { useEffect, useSyncExternalStore } from 'react';
import { useStore } from '../../../lib/store';
import { useMe } from '../../auth/hooks/useMe';
import { useSession } from '../../auth/hooks/useSession';
import {
  loadThemePreference,
  resolveTheme,
  themePreferenceStore,
  type ThemePreference,
} from '../states/theme-preference.store';

const DARK_QUERY = '(prefers-color-scheme: dark)';
const whole = (preference: ThemePreference) => preference;

function subscribeToSystem(listener: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => undefined;
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

function systemPrefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches;
}

/**
 * Applies the theme to the page: the signed-in user's choice (Light, Dark) or the system's
 * `prefers-color-scheme`, followed live. Sets `data-theme` on <html>, which styles and
 * `theme.css` read, and the `color-scheme` the browser's own controls use.
 */
export function ThemeEffect() {
  // Signed out, nothing asks who the user is (no query lingers after signing out).
  return useSession() !== null ? <SignedInTheme /> : <AppliedTheme userId={undefined} />;
}

function SignedInTheme() {
  return <AppliedTheme userId={useMe().data?.id} />;
}

function AppliedTheme({ userId }: { userId: string | undefined }) {
  const preference = useStore(themePreferenceStore, whole);
  const prefersDark = useSyncExternalStore(subscribeToSystem, systemPrefersDark, () => false);

  useEffect(() => loadThemePreference(userId), [userId]);

  const theme = resolveTheme(preference, prefersDark);
  useEffect(() => {
    const root = document.documentElement;
    root.dataset['theme'] = theme;
    root.style.colorScheme = theme;
  }, [theme]);

  return null;
}
