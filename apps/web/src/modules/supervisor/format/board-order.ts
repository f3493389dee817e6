import type { BoardRisk, BoardTeamDto } from '@touchpoint/shared';

/**
 * How a team's tile looks: red while a conversation of the team or something it was asked is past
 * its SLA target, amber when one is close to it.
 */
export function teamSeverity(team: BoardTeamDto): BoardRisk {
  if (team.slaBreached > 0 || team.handoffsBreached > 0) return 'breached';
  if (team.slaAtRisk > 0 || team.handoffsAtRisk > 0) return 'at_risk';
  return 'ok';
}

const RANK: Record<BoardRisk, number> = { breached: 0, at_risk: 1, ok: 2 };

/**
 * Most urgent first: red, then amber tiles; among equals the team whose customer waits longest,
 * then the longest queue; quiet teams by name.
 */
export function byUrgency(a: BoardTeamDto, b: BoardTeamDto): number {
  const waited = (t: BoardTeamDto) =>
    t.oldestWaitingSince ? Date.parse(t.oldestWaitingSince) : Infinity;
  return (
    RANK[teamSeverity(a)] - RANK[teamSeverity(b)] ||
    waited(a) - waited(b) ||
    b.unassigned - a.unassigned ||
    a.name.localeCompare(b.name)
  );
}
