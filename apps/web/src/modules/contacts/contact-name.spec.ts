import { createInstance } from 'i18next';
import de from '../../lib/locales/de.json';
import en from '../../lib/locales/en.json';
import { contactName } from './contact-name';

describe('contactName', () => {
  it('keeps a real name and labels nameless contacts in the user language', async () => {
    const i18n = createInstance();
    await i18n.init({ lng: 'de', resources: { de: { translation: de }, en: { translation: en } } });
    expect(contactName('Karl Kunde', i18n.t)).toBe('Karl Kunde');
    expect(contactName('  ', i18n.t)).toBe('Unbekannter Kontakt');
    await i18n.changeLanguage('en');
    expect(contactName(null, i18n.t)).toBe('Unknown contact');
  });
});
