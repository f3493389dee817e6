import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { ConversationSlaDto } from '@touchpoint/shared';
import { createI18n } from '../../../lib/i18n';
import { SlaBadge, slaBadgeState } from './SlaBadge';

const NOW = Date.parse('2026-12-07T10:00:00Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();
const sla = (over: Partial<ConversationSlaDto> = {}): ConversationSlaDto => ({
  metric: 'first_response',
  riskAt: at(30),
  dueAt: at(42),
  breachedAt: null,
  ...over,
});

describe('SLA badge', () => {
  it('is quiet before 80 %, amber after, red once the deadline passed, and absent while paused', () => {
    expect(slaBadgeState(sla(), NOW)).toEqual({ risk: 'ok', ms: 42 * 60_000 });
    expect(slaBadgeState(sla({ riskAt: at(-1) }), NOW)?.risk).toBe('at_risk');
    expect(slaBadgeState(sla({ riskAt: at(-20), dueAt: at(-5) }), NOW)).toEqual({
      risk: 'breached',
      ms: 5 * 60_000,
    });
    // Breached, then paused: it stays red, without a time.
    expect(slaBadgeState(sla({ dueAt: null, riskAt: null, breachedAt: at(-60) }), NOW)).toEqual({
      risk: 'breached',
      ms: 0,
    });
    expect(slaBadgeState(sla({ dueAt: null, riskAt: null }), NOW)).toBeNull();
    expect(slaBadgeState(null, NOW)).toBeNull();
  });

  it('says how long is left or how long it is overdue, naming the target for screen readers', async () => {
    const i18n = createI18n();
    await i18n.changeLanguage('de');
    const soon = new Date(Date.now() + 12 * 60_000 + 30_000).toISOString();
    const { rerender } = render(
      <I18nextProvider i18n={i18n}>
        <SlaBadge sla={sla({ riskAt: new Date(Date.now() - 1000).toISOString(), dueAt: soon })} />
      </I18nextProvider>,
    );
    const badge = screen.getByTestId('sla-badge');
    expect(badge).toHaveAttribute('data-risk', 'at_risk');
    expect(badge).toHaveTextContent('Erste Antwort: SLA 12 Min.');
    rerender(
      <I18nextProvider i18n={i18n}>
        <SlaBadge
          sla={sla({ metric: 'resolution', dueAt: null, riskAt: null, breachedAt: at(-5) })}
        />
      </I18nextProvider>,
    );
    expect(screen.getByTestId('sla-badge')).toHaveTextContent('Lösung: SLA überfällig');
  });
});
