import { createInstance } from 'i18next';
import de from '../../lib/locales/de.json';
import en from '../../lib/locales/en.json';
import { contactName } from './contact-name';

/** Today at 14:02 local time, as the visitor's first message would carry it. */
function todayAt(hours: number, minutes: number): string {
  const at = new Date();
  at.setHours(hours, minutes, 0, 0);
  return at.toISOString();
}

async function i18nIn(lng: 'de' | 'en') {
  const i18n = createInstance();
  await i18n.init({ lng, resources: { de: { translation: de }, en: { translation: en } } });
  return i18n;
}

describe('contactName', () => {
  it('keeps a real name (or the address the api fell back to)', async () => {
    const { t } = await i18nIn('de');
    expect(contactName('Karl Kunde', t, todayAt(14, 2))).toBe('Karl Kunde');
    expect(contactName(' karl@example.com ', t)).toBe('karl@example.com');
  });

  it('names an anonymous website visitor by when they wrote, in the user language', async () => {
    const de = await i18nIn('de');
    expect(contactName('  ', de.t, todayAt(14, 2))).toBe('Besucher der Website, 14:02');
    expect(contactName(null, de.t)).toBe('Besucher der Website');
    const en = await i18nIn('en');
    expect(contactName('', en.t, todayAt(14, 2))).toBe('Visitor from the website, 14:02');
    expect(contactName(undefined, en.t, todayAt(9, 5))).toBe('Visitor from the website, 09:05');
    expect(contactName(null, en.t, 'not a date')).toBe('Visitor from the website');
  });

  it('adds the day for a visitor who wrote before today', async () => {
    const { t } = await i18nIn('en');
    const earlier = new Date(2026, 2, 3, 16, 45).toISOString();
    expect(contactName(null, t, earlier)).toMatch(
      /^Visitor from the website, (3 Mar|Mar 3), 16:45$/,
    );
  });
});
