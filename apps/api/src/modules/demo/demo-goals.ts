import type { GoalDefinition } from '@touchpoint/shared';
import type { EntityManager } from 'typeorm';

type DemoTeam = 'Service' | 'Sales';

/** The goals the demo's teams agreed on, measured on its generated history from the first start. */
function demoGoals(team: (name: DemoTeam) => string): GoalDefinition[] {
  return [
    {
      name: "Sales accepts Service's consults within 30 minutes",
      kind: 'consult_accept_within',
      params: { fromTeamId: team('Service'), toTeamId: team('Sales'), minutes: 30 },
      target: 0.9,
    },
    {
      name: 'One-touch resolution ≥ 70%',
      kind: 'one_touch_rate',
      params: { teamId: null },
      target: 0.7,
    },
  ];
}

/** Adds the demo's shared goals; a goal of the same name that is there already is left alone. */
export async function seedDemoGoals(
  m: EntityManager,
  teamId: ReadonlyMap<string, string>,
): Promise<void> {
  const team = (name: DemoTeam) => {
    const id = teamId.get(name);
    if (!id) throw new Error(`The demo has no team ${name}`);
    return id;
  };
  for (const goal of demoGoals(team)) {
    await m.query(
      // The clock, not the transaction's start: the goals are listed in the order they were agreed.
      `INSERT INTO shared_goals (name, kind, params, target, created_at, updated_at)
       SELECT $1::varchar, $2::varchar, $3::jsonb, $4::float8, clock_timestamp(), clock_timestamp()
        WHERE NOT EXISTS (SELECT 1 FROM shared_goals WHERE name = $1::varchar AND archived_at IS NULL)`,
      [goal.name, goal.kind, JSON.stringify(goal.params), goal.target],
    );
  }
}
