import {
  changeThemePreference,
  loadThemePreference,
  resolveTheme,
  themePreferenceKey,
  themePreferenceStore,
} from './theme-preference.store';

describe('theme preference', () => {
  afterEach(() => {
    window.localStorage.clear();
    themePreferenceStore.reset();
  });

  it('follows the system until the user chooses', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('remembers each user’s choice on its own and forgets it on sign-out', () => {
    changeThemePreference('user-a', 'dark');
    expect(window.localStorage.getItem(themePreferenceKey('user-a'))).toBe('dark');

    loadThemePreference('user-b');
    expect(themePreferenceStore.get()).toBe('system');
    loadThemePreference('user-a');
    expect(themePreferenceStore.get()).toBe('dark');
    loadThemePreference(undefined);
    expect(themePreferenceStore.get()).toBe('system');
  });

  it('ignores a stored value it does not know', () => {
    window.localStorage.setItem(themePreferenceKey('user-a'), 'sepia');
    loadThemePreference('user-a');
    expect(themePreferenceStore.get()).toBe('system');
  });
});
