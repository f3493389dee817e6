import { createI18n } from '../../../lib/i18n';
import { formatAverage } from '../../satisfaction/format/satisfaction-text';
import { formatGoalTarget, formatGoalValue } from './goal-text';

describe('goal figures as people read them', () => {
  // A share keeps its number and % together on one line (no break before the %).
  it('writes shares and ratings with the decimal sign of the language', async () => {
    const i18n = createI18n();
    await i18n.changeLanguage('en');
    expect(formatGoalValue('one_touch_rate', 0.875, i18n.t)).toBe('87.5\u00a0%');
    expect(formatGoalValue('csat_average', 4, i18n.t)).toBe('4.0 of 5');
    expect(formatGoalValue('csat_average', null, i18n.t)).toBe('–');
    expect(
      formatGoalTarget(
        { kind: 'first_response_within', target: 0.9, direction: 'at_least' },
        i18n.t,
      ),
    ).toBe('at least 90\u00a0%');
    await i18n.changeLanguage('de');
    expect(formatGoalValue('one_touch_rate', 0.875, i18n.t)).toBe('87,5\u00a0%');
    expect(formatGoalValue('csat_average', 4.46, i18n.t)).toBe('4,5 von 5');
    expect(formatAverage(4.12, i18n.t)).toBe('4,1 von 5');
    expect(
      formatGoalTarget({ kind: 'csat_average', target: 4.5, direction: 'at_least' }, i18n.t),
    ).toBe('mindestens 4,5 von 5');
  });
});
