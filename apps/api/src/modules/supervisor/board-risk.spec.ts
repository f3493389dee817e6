import { byUrgency, handoffRisk, type HandoffClock } from './board-risk';
import { flowOf } from './supervisor-board.query';

const MIN = 60_000;
const T0 = Date.parse('2026-12-07T09:00:00Z');

const requested = (over: Partial<HandoffClock> = {}): HandoffClock => ({
  status: 'requested',
  createdAt: T0,
  acceptedAt: null,
  acceptDueAt: T0 + 15 * MIN,
  answerDueAt: null,
  breached: false,
  ...over,
});

describe('how an open handoff stands', () => {
  it('is at risk from 80% of its accept window, breached at its deadline', () => {
    expect(handoffRisk(requested(), T0 + 11 * MIN)).toBe('ok'); // 73%
    expect(handoffRisk(requested(), T0 + 12 * MIN)).toBe('at_risk'); // exactly 80%
    expect(handoffRisk(requested(), T0 + 15 * MIN - 1)).toBe('at_risk');
    expect(handoffRisk(requested(), T0 + 15 * MIN)).toBe('breached');
  });

  it('measures an accepted one against its answer window, from its acceptance', () => {
    const accepted = requested({
      status: 'accepted',
      acceptedAt: T0 + 10 * MIN,
      answerDueAt: T0 + 110 * MIN, // 100 minutes to answer
    });
    expect(handoffRisk(accepted, T0 + 89 * MIN)).toBe('ok'); // 79 of 100
    expect(handoffRisk(accepted, T0 + 90 * MIN)).toBe('at_risk');
    expect(handoffRisk(accepted, T0 + 111 * MIN)).toBe('breached');
  });

  it('comes at risk at its stored moment, in the business time of the team asked', () => {
    // Asked on Friday at 17:50 with 15 minutes: due on Monday at 08:05, at risk from 08:02.
    const friday = Date.parse('2026-12-04T16:50:00Z');
    // Berlin is UTC+1 in December.
    const monday = (hh: number, mm: number) =>
      Date.parse(
        `2026-12-07T${String(hh - 1).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00Z`,
      );
    const asked = requested({
      createdAt: friday,
      acceptDueAt: monday(8, 5),
      acceptRiskAt: monday(8, 2),
    });
    // On the wall clock the window would be 80 % used by Sunday night.
    expect(handoffRisk(asked, Date.parse('2026-12-06T22:00:00Z'))).toBe('ok');
    expect(handoffRisk(asked, monday(8, 1))).toBe('ok');
    expect(handoffRisk(asked, monday(8, 2))).toBe('at_risk');
    expect(handoffRisk(asked, monday(8, 5))).toBe('breached');
  });

  it('stays breached once escalated, and is never at risk without a deadline', () => {
    expect(handoffRisk(requested({ breached: true }), T0)).toBe('breached');
    expect(handoffRisk(requested({ acceptDueAt: null }), T0 + 1000 * MIN)).toBe('ok');
  });

  it('sorts breached first, then at risk, then the nearest deadline, then the oldest', () => {
    const a = { ...requested({ acceptDueAt: T0 + 30 * MIN }), risk: 'ok' as const, n: 'a' };
    const b = { ...requested({ acceptDueAt: T0 + 20 * MIN }), risk: 'ok' as const, n: 'b' };
    const c = { ...requested(), risk: 'at_risk' as const, n: 'c' };
    const d = { ...requested({ createdAt: T0 - MIN }), risk: 'breached' as const, n: 'd' };
    const e = { ...requested(), risk: 'breached' as const, n: 'e' };
    expect([a, b, c, e, d].sort(byUrgency).map((x) => x.n)).toEqual(['d', 'e', 'c', 'b', 'a']);
  });
});

describe('the flow between teams', () => {
  const at = (m: number) => new Date(T0 + m * MIN);
  const row = (
    from: string | null,
    to: string | null,
    status: 'requested' | 'accepted',
    created: number,
    risk: 'ok' | 'at_risk' | 'breached' = 'ok',
  ) => ({
    status,
    from_team_id: from,
    from_team_name: from && from.toUpperCase(),
    to_team_id: to,
    to_team_name: to && to.toUpperCase(),
    created_at: at(created),
    accepted_at: status === 'accepted' ? at(created + 5) : null,
    risk,
  });

  it('groups open handoffs by asking and asked team, the longest waiting pair first', () => {
    const flow = flowOf([
      row('service', 'sales', 'requested', 10),
      row('service', 'sales', 'requested', 0, 'breached'),
      row('service', 'sales', 'accepted', 20),
      row('sales', 'service', 'requested', -30),
      row(null, 'sales', 'requested', 40),
      row('service', null, 'requested', -60), // asked of a person: not a flow between teams
    ]);
    expect(flow).toEqual([
      {
        fromTeam: { id: 'sales', name: 'SALES' },
        toTeam: { id: 'service', name: 'SERVICE' },
        waiting: 1,
        oldestWaitingSince: at(-30).toISOString(),
        unanswered: 0,
        oldestAcceptedAt: null,
        breached: 0,
      },
      {
        fromTeam: { id: 'service', name: 'SERVICE' },
        toTeam: { id: 'sales', name: 'SALES' },
        waiting: 2,
        oldestWaitingSince: at(0).toISOString(),
        unanswered: 1,
        oldestAcceptedAt: at(25).toISOString(),
        breached: 1,
      },
      {
        fromTeam: null,
        toTeam: { id: 'sales', name: 'SALES' },
        waiting: 1,
        oldestWaitingSince: at(40).toISOString(),
        unanswered: 0,
        oldestAcceptedAt: null,
        breached: 0,
      },
    ]);
  });
});
