import { parseMentions } from './mentions';

describe('parseMentions', () => {
  it('finds names and teams, once each, case-insensitively', () => {
    expect(parseMentions('@Anna kannst du das prüfen? Danke @anna und @Sales.')).toEqual([
      'anna',
      'sales',
    ]);
    expect(parseMentions('Frag @clara.fischer bitte')).toEqual(['clara.fischer']);
    expect(parseMentions('@Jürgen hat recht')).toEqual(['jürgen']);
  });

  it('ignores email addresses and lone at signs', () => {
    expect(parseMentions('Mail an kunde@example.com oder @ niemand')).toEqual([]);
  });
});
