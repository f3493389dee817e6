import { composeSummary, summaryLocale, type SummaryFigures } from './summary-mail';

const figures: SummaryFigures = {
  from: '2026-11-30',
  to: '2026-12-06',
  conversations: 12,
  outcomes: { oneTouch: 5, afterHandoffs: 3, abandoned: 2, reopened: 1 },
  moments: [
    {
      kind: 'consult',
      fromTeam: 'Service',
      toTeam: 'Sales & <Co>',
      count: 4,
      medianSeconds: 7_200,
      unansweredShare: 0.25,
    },
    {
      kind: 'first_response',
      fromChannel: 'webchat',
      toTeam: null,
      count: 3,
      medianSeconds: 600,
      unansweredShare: 0,
    },
  ],
  csat: { requested: 4, rated: 3, average: 4.33, responseRate: 0.75 },
  goals: [
    { name: 'Antwort <1 h>', kind: 'first_response_within', target: 0.9, value: 0.8, holds: false },
    { name: 'CSAT', kind: 'csat_average', target: 4, value: null, holds: null },
  ],
};

describe('the weekly summary mail', () => {
  it('reads in German with every figure, the worst moments named, and both links', () => {
    const mail = composeSummary(figures, { name: 'Mara', locale: 'de' }, 'https://inbox.test');
    expect(mail.subject).toBe('Touchpoint: Ihre Woche vom 30.11.2026 bis 06.12.2026');
    expect(mail.text).toContain('Begonnene Gespräche: 12');
    expect(mail.text).toContain('- 5 mit einer Antwort gelöst');
    expect(mail.text).toContain('- 1 wieder geöffnet');
    expect(mail.text).toContain('1. Rückfrage: Service → Sales & <Co>: Median 2,0 Std.');
    expect(mail.text).toContain('2. Erste Antwort: Website-Chat → ohne Team: Median 10 min');
    expect(mail.text).toMatch(/Durchschnitt 4,3 von 5, Rücklauf 75\s%/);
    expect(mail.text).toMatch(/- Antwort <1 h>: 80\s% \(Ziel 90\s%\), verfehlt/);
    expect(mail.text).toContain('- CSAT: nichts zu zählen (Ziel 4,0)\n');
    expect(mail.text).toContain('https://inbox.test/journeys');
    expect(mail.text).toContain('https://inbox.test/goals');
  });

  it('escapes what people typed in the HTML', () => {
    const mail = composeSummary(
      figures,
      { name: '<script>x</script>', locale: 'en' },
      'https://inbox.test',
    );
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(mail.html).toContain('Sales &amp; &lt;Co&gt;');
    expect(mail.html).toContain('Antwort &lt;1 h&gt;');
    expect(mail.html).toContain('<html lang="en">');
  });

  it('reads in English, and says so when nothing happened', () => {
    const quiet = composeSummary(
      {
        ...figures,
        conversations: 0,
        moments: [],
        goals: [],
        csat: { requested: 0, rated: 0, average: null, responseRate: null },
      },
      { name: 'Ada', locale: 'en' },
      'https://inbox.test',
    );
    expect(quiet.subject).toBe('Touchpoint: your week from 30 Nov 2026 to 6 Dec 2026');
    expect(quiet.text).toContain('Conversations begun: 0');
    expect(quiet.text).toContain('No waits this week.');
    expect(quiet.text).toContain('Satisfaction: No surveys this week.');
    expect(quiet.text).toContain('No shared goals yet.');
  });

  it('writes German unless the person chose English', () => {
    expect(summaryLocale('en')).toBe('en');
    expect(summaryLocale('de')).toBe('de');
    expect(summaryLocale(null)).toBe('de');
  });
});
