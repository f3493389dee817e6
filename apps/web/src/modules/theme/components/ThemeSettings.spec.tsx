import { act, screen, waitFor } from '@testing-library/react';
import { installApi } from '../../../../test/fake-api';
import { signIn, userDto } from '../../../../test/fixtures';
import { renderApp } from '../../../../test/render-app';
import { themePreferenceKey, themePreferenceStore } from '../states/theme-preference.store';

describe('Account › Appearance', () => {
  afterEach(() => {
    window.localStorage.clear();
    act(() => themePreferenceStore.reset());
  });

  it('switches the page to the chosen theme and remembers it for the user', async () => {
    const me = userDto();
    signIn();
    installApi({ 'GET /api/me': () => me });
    const { user } = renderApp('/account');
    await screen.findByTestId('page-account');
    const group = screen.getByRole('group', { name: 'Appearance' });
    expect(group).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('radio', { name: /^System/ })).toBeChecked());
    expect(document.documentElement.dataset['theme']).toBe('light');

    await user.click(screen.getByRole('radio', { name: /^Dark/ }));

    expect(document.documentElement.dataset['theme']).toBe('dark');
    expect(window.localStorage.getItem(themePreferenceKey(me.id))).toBe('dark');

    await user.click(screen.getByRole('radio', { name: /^Light/ }));
    expect(document.documentElement.dataset['theme']).toBe('light');
    expect(window.localStorage.getItem(themePreferenceKey(me.id))).toBe('light');
  });
});
