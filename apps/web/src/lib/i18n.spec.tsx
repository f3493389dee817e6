import { screen } from '@testing-library/react';
import { renderApp } from '../../test/render-app';
import { createI18n, LOCALE_STORAGE_KEY } from './i18n';

function browserLanguages(...languages: string[]) {
  jest.spyOn(window.navigator, 'languages', 'get').mockReturnValue(languages);
  jest.spyOn(window.navigator, 'language', 'get').mockReturnValue(languages[0] ?? '');
}

describe('i18n', () => {
  it('speaks German when the browser prefers German', () => {
    browserLanguages('de-DE', 'de', 'en');
    const i18n = createI18n();
    expect(i18n.resolvedLanguage).toBe('de');
    expect(i18n.t('login.submit')).toBe('Anmelden');
    expect(document.documentElement.lang).toBe('de');
  });

  it('speaks English when the browser prefers any other language', () => {
    browserLanguages('fr-FR', 'fr');
    const i18n = createI18n();
    expect(i18n.resolvedLanguage).toBe('en');
    expect(i18n.t('login.submit')).toBe('Sign in');
  });

  it('does not remember a language the user did not pick', () => {
    browserLanguages('de-DE');
    createI18n();
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBeNull();
  });

  it('lets the switch override the browser language, and remembers the choice', async () => {
    browserLanguages('de-DE', 'de');
    const { user } = renderApp('/login');
    expect(screen.getByLabelText('E-Mail')).toBeInTheDocument();
    expect(screen.getByLabelText('Passwort')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Anmelden' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Deutsch' })).toHaveAttribute('aria-pressed', 'true');

    await user.click(screen.getByRole('button', { name: 'English' }));

    expect(screen.getByLabelText('Email')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    expect(document.documentElement.lang).toBe('en');

    // Next visit: the choice wins over the browser's German.
    const nextVisit = createI18n();
    expect(nextVisit.resolvedLanguage).toBe('en');
  });

  it('ignores a stored value that is not a supported language', () => {
    browserLanguages('de-DE');
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'xx');
    expect(createI18n().resolvedLanguage).toBe('de');
  });

  it('pluralises the rate-limit message in both languages', () => {
    browserLanguages('de-DE');
    const i18n = createI18n();
    expect(i18n.t('login.errors.tooManyAttempts', { count: 1 })).toBe(
      'Zu viele Versuche, bitte in 1 Sekunde erneut versuchen.',
    );
    expect(i18n.t('login.errors.tooManyAttempts', { count: 30 })).toBe(
      'Zu viele Versuche, bitte in 30 Sekunden erneut versuchen.',
    );
    void i18n.changeLanguage('en');
    expect(i18n.t('login.errors.tooManyAttempts', { count: 1 })).toBe(
      'Too many attempts, try again in 1 second.',
    );
  });
});
