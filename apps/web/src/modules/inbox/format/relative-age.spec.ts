import { createI18n } from '../../../lib/i18n';
import { relativeAge } from './relative-age';

const NOW = Date.parse('2025-05-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();

describe('relative age', () => {
  it('says "5 min" in English and "vor 5 Min." in German', async () => {
    const i18n = createI18n();
    await i18n.changeLanguage('en');
    expect(relativeAge(ago(5 * 60_000 + 30_000), NOW, i18n.t, 'en')).toBe('5 min');
    expect(relativeAge(ago(3 * 3600_000), NOW, i18n.t, 'en')).toBe('3 h');
    expect(relativeAge(ago(2 * 86400_000), NOW, i18n.t, 'en')).toBe('2 days');
    expect(relativeAge(ago(10_000), NOW, i18n.t, 'en')).toBe('now');
    await i18n.changeLanguage('de');
    expect(relativeAge(ago(5 * 60_000), NOW, i18n.t, 'de')).toBe('vor 5 Min.');
    expect(relativeAge(ago(86400_000), NOW, i18n.t, 'de')).toBe('vor 1 Tag');
  });

  it('shows the date for anything older than a week', () => {
    const i18n = createI18n();
    expect(relativeAge('2025-04-01T12:00:00Z', NOW, i18n.t, 'de')).toBe('1. Apr.');
    expect(relativeAge('2024-04-01T12:00:00Z', NOW, i18n.t, 'en')).toBe('Apr 1, 2024');
  });
});
