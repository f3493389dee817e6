import { createI18n } from '../../../lib/i18n';
import { handoffDto } from '../../../../test/handoff-fixtures';
import { deadlineText, formatDuration, handoffDeadline } from './handoff-sla';

const NOW = Date.parse('2025-05-01T10:00:00.000Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

function english() {
  jest.spyOn(window.navigator, 'languages', 'get').mockReturnValue(['en-GB']);
  return createI18n().t;
}

describe('handoff deadlines', () => {
  it('runs a requested handoff against acceptDueAt and an accepted consult against answerDueAt', () => {
    const requested = handoffDto({ acceptDueAt: at(12), answerDueAt: null });
    expect(handoffDeadline(requested, NOW)).toEqual({
      phase: 'accept',
      dueAt: at(12),
      remainingMs: 12 * 60_000,
      overdue: false,
    });
    const accepted = handoffDto({ status: 'accepted', acceptDueAt: at(-30), answerDueAt: at(90) });
    expect(handoffDeadline(accepted, NOW)).toMatchObject({ phase: 'answer', overdue: false });
  });

  it('is overdue from the due time on, and has no deadline once settled', () => {
    expect(handoffDeadline(handoffDto({ acceptDueAt: at(0) }), NOW)?.overdue).toBe(true);
    expect(handoffDeadline(handoffDto({ acceptDueAt: at(-5) }), NOW)?.remainingMs).toBe(-300_000);
    for (const status of ['completed', 'declined', 'cancelled', 'expired'] as const) {
      expect(handoffDeadline(handoffDto({ status, acceptDueAt: at(-5) }), NOW)).toBeNull();
    }
    expect(handoffDeadline(handoffDto({ acceptDueAt: null }), NOW)).toBeNull();
  });

  it('says how long, coarsely, both ways', () => {
    const t = english();
    expect(formatDuration(30_000, t)).toBe('less than a minute');
    expect(formatDuration(12.9 * 60_000, t)).toBe('12 min');
    expect(formatDuration(-5 * 60_000, t)).toBe('5 min');
    expect(formatDuration(60 * 60_000, t)).toBe('1 h');
    expect(formatDuration(110 * 60_000, t)).toBe('1 h 50 min');
    expect(formatDuration(27 * 60 * 60_000, t)).toBe('1 d 3 h');
  });

  it('words the countdown and the overdue state', () => {
    const t = english();
    const due = (status: 'requested' | 'accepted', minutes: number) =>
      handoffDeadline(
        handoffDto({ status, acceptDueAt: at(minutes), answerDueAt: at(minutes) }),
        NOW,
      );
    const text = (deadline: ReturnType<typeof due>) => (deadline ? deadlineText(deadline, t) : '');
    expect(text(due('requested', 12))).toBe('Accept within 12 min');
    expect(text(due('requested', -5))).toBe('Acceptance overdue by 5 min');
    expect(text(due('accepted', 120))).toBe('Answer within 2 h');
    expect(text(due('accepted', -61))).toBe('Answer overdue by 1 h 1 min');
  });
});
