import i18next, { type i18n as I18n } from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { LOCALES, type Locale } from '@touchpoint/shared';
import de from './locales/de.json';
import en from './locales/en.json';

/** localStorage key of the language the user picked with the switch. */
export const LOCALE_STORAGE_KEY = 'touchpoint.locale';

export const resources = {
  de: { translation: de },
  en: { translation: en },
} as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * A new i18next instance. The language is the one picked with the switch (localStorage), else
 * the browser's, else English. Detection never writes: only an explicit pick is remembered.
 */
export function createI18n(): I18n {
  const instance = i18next.createInstance();
  instance.on('languageChanged', (lng) => {
    if (typeof document !== 'undefined') document.documentElement.lang = lng;
  });
  void instance
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources,
      supportedLngs: [...LOCALES],
      fallbackLng: 'en',
      defaultNS: 'translation',
      initAsync: false,
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
      detection: {
        order: ['localStorage', 'navigator'],
        lookupLocalStorage: LOCALE_STORAGE_KEY,
        caches: [],
      },
      react: { useSuspense: false },
      showSupportNotice: false,
    });
  return instance;
}

/** The language the UI currently shows. */
export function currentLocale(i18n: I18n): Locale {
  const lng = i18n.resolvedLanguage ?? i18n.language;
  return isLocale(lng) ? lng : 'en';
}

/** Switches the UI language and remembers the choice for the next visit. */
export async function chooseLocale(i18n: I18n, locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
  await i18n.changeLanguage(locale);
}
