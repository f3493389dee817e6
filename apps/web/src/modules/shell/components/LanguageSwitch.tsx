import { useTranslation } from 'react-i18next';
import { LOCALES } from '@touchpoint/shared';
import { chooseLocale, currentLocale } from '../../../lib/i18n';

/** Two buttons, DE and EN; the choice overrides the browser's language and is remembered. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const active = currentLocale(i18n);
  return (
    <div
      className="tp-language"
      role="group"
      aria-label={t('language.label')}
      data-testid="language-switch"
    >
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          className="tp-language__option"
          aria-pressed={locale === active}
          title={t(`language.${locale}`)}
          data-testid={`language-${locale}`}
          onClick={() => void chooseLocale(i18n, locale)}
        >
          {/* named by the language's full name; the short code is only what the eye sees */}
          <span aria-hidden="true">{locale.toUpperCase()}</span>
          <span className="tp-visually-hidden">{t(`language.${locale}`)}</span>
        </button>
      ))}
    </div>
  );
}
