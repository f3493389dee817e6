import { pickLang, textsFor } from './i18n';

describe('widget language', () => {
  it('takes data-lang first, then the browser preference, else English', () => {
    expect(pickLang('de', ['en-US'])).toBe('de');
    expect(pickLang('EN', ['de-DE'])).toBe('en');
    expect(pickLang('fr', ['fr-FR', 'de-AT', 'en'])).toBe('de');
    expect(pickLang(null, ['en-GB', 'de'])).toBe('en');
    expect(pickLang(undefined, ['fr', 'it'])).toBe('en');
  });

  it('has every text in both languages', () => {
    expect(Object.keys(textsFor('de')).sort()).toEqual(Object.keys(textsFor('en')).sort());
    expect(textsFor('de').typing('Anna')).toBe('Anna schreibt …');
    expect(textsFor('en').typing(null)).toBe('Someone is typing …');
  });
});
