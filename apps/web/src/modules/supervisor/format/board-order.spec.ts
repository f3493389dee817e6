import type { BoardTeamDto } from '@touchpoint/shared';
import { byUrgency, teamSeverity } from './board-order';

const team = (name: string, over: Partial<BoardTeamDto> = {}): BoardTeamDto => ({
  id: name,
  name,
  unassigned: 0,
  oldestWaitingSince: null,
  waiting: [],
  owned: 0,
  slaAtRisk: 0,
  slaBreached: 0,
  handoffsWaiting: 0,
  handoffsUnanswered: 0,
  handoffsAtRisk: 0,
  handoffsBreached: 0,
  members: { online: 0, away: 0, offline: 0 },
  ...over,
});

describe('board order', () => {
  it('turns a tile red for an overdue request, amber for one close to its deadline', () => {
    expect(teamSeverity(team('a', { handoffsBreached: 1, handoffsAtRisk: 2 }))).toBe('breached');
    expect(teamSeverity(team('a', { handoffsAtRisk: 1 }))).toBe('at_risk');
    expect(teamSeverity(team('a', { unassigned: 40 }))).toBe('ok');
  });

  it('turns a tile red for a conversation past its SLA target, amber for one close to it', () => {
    expect(teamSeverity(team('a', { slaBreached: 1, slaAtRisk: 3 }))).toBe('breached');
    expect(teamSeverity(team('a', { slaAtRisk: 1 }))).toBe('at_risk');
    expect(teamSeverity(team('a', { slaAtRisk: 1, handoffsBreached: 1 }))).toBe('breached');
  });

  it('puts red before amber, then the longest wait, then the longest queue, then the name', () => {
    const teams = [
      team('Quiet'),
      team('Billing', { unassigned: 3 }),
      team('Accounts', { unassigned: 3 }),
      team('Long queue', { unassigned: 9 }),
      team('Waits', { unassigned: 1, oldestWaitingSince: '2026-12-07T08:00:00Z' }),
      team('Amber', { handoffsAtRisk: 1 }),
      team('Red', { handoffsBreached: 1 }),
    ];
    expect(teams.sort(byUrgency).map((t) => t.name)).toEqual([
      'Red',
      'Amber',
      'Waits',
      'Long queue',
      'Accounts',
      'Billing',
      'Quiet',
    ]);
  });
});
