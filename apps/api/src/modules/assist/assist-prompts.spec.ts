import type { TranscriptEntry } from './assist-context.query';
import { languageName, parseTeamSuggestion, transcript } from './assist-prompts';

const entry = (
  i: number,
  text: string,
  type: TranscriptEntry['type'] = 'inbound',
): TranscriptEntry => ({
  type,
  at: new Date(Date.UTC(2026, 0, 1, 10, i)),
  author: type === 'inbound' ? null : 'Eva',
  channelKind: 'email',
  text,
});

describe('assist prompts', () => {
  it('keeps the newest messages within the budget, oldest first, and says what was left out', () => {
    const newestFirst = [entry(3, 'third'), entry(2, 'second', 'note'), entry(1, 'x'.repeat(500))];
    const text = transcript(newestFirst, 200);
    expect(text.split('\n')).toEqual([
      '(1 older messages left out)',
      '[2026-01-01 10:02] Internal note by Eva (never seen by the customer): second',
      '[2026-01-01 10:03] Customer via email: third',
    ]);
    expect(transcript(newestFirst)).toContain('x'.repeat(500));
  });

  it('cuts a very long message', () => {
    expect(transcript([entry(1, 'y'.repeat(5000))])).toMatch(/y{2000} \[…\]$/);
  });

  it('names languages in English', () => {
    expect(languageName('pl')).toBe('Polish');
    expect(languageName('de')).toBe('German');
  });

  it('accepts only a team of the list as a suggestion', () => {
    const teams = [{ id: '1', name: 'Sales' }];
    expect(parseTeamSuggestion('Sure! {"team":"sales","reason":"Offer"}', teams)).toEqual({
      team: teams[0],
      reason: 'Offer',
    });
    expect(parseTeamSuggestion('{"team":"Legal","reason":"?"}', teams)).toBeNull();
    expect(parseTeamSuggestion('Sales', teams)).toBeNull();
  });
});
