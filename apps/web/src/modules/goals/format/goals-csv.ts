import type { GoalDto, GoalTeamRefDto } from '@touchpoint/shared';
import { csvText, type CsvCell } from '../../../lib/csv';

const team = (ref: GoalTeamRefDto | null) => ref?.name ?? '(none)';
const holds = (value: boolean | null) => (value === null ? 'no_data' : value ? 'yes' : 'no');

/**
 * The goals as CSV, one figure per line (goal, section, item, measure, value) so a spreadsheet can
 * pivot them: the current value against the target, each week of the trend and each row of who
 * holds the goal back. Values are as the API gives them (0.9 is 90 %; ratings 1–5).
 */
export function goalsCsv(goals: readonly GoalDto[]): string {
  const rows: CsvCell[][] = [['goal', 'section', 'item', 'measure', 'value']];
  for (const goal of goals) {
    rows.push(
      [goal.name, 'goal', 'kind', 'name', goal.kind],
      [goal.name, 'goal', 'target', goal.direction, goal.target],
      [goal.name, 'current', 'last_30_days', 'value', goal.current.value],
      [goal.name, 'current', 'last_30_days', 'count', goal.current.count],
      [goal.name, 'current', 'last_30_days', 'holds', holds(goal.holds)],
    );
    for (const week of goal.trend)
      rows.push(
        [goal.name, 'trend', week.weekStart, 'value', week.value],
        [goal.name, 'trend', week.weekStart, 'count', week.count],
      );
    for (const row of goal.breakdown) {
      const item = row.toTeam ? `${team(row.fromTeam)} > ${team(row.toTeam)}` : team(row.fromTeam);
      rows.push(
        [goal.name, 'breakdown', item, 'value', row.value],
        [goal.name, 'breakdown', item, 'count', row.count],
        [goal.name, 'breakdown', item, 'holds', holds(row.holds)],
      );
    }
  }
  return csvText(rows);
}
