import type { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { hashPassword } from '../../core/auth/password-hasher';
import { TeamMembership } from '../../modules/teams/team-membership.entity';
import { Team } from '../../modules/teams/team.entity';
import { User } from '../../modules/users/user.entity';
import { Workspace } from '../../modules/workspace/workspace.entity';
import { DEMO_COMPANY, DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERS } from './demo-workspace';

const SEED_LOCK = 724_311_002;

export type BootstrapOutcome = 'demo-seeded' | 'admin-created' | 'empty' | 'existing';

/**
 * Fills an empty database once: the demo workspace (unless SEED_DEMO=false), or else the first admin
 * from ADMIN_EMAIL/ADMIN_PASSWORD. A database that has a workspace is never touched.
 */
export async function bootstrapWorkspace(
  ds: DataSource,
  config: AppConfig,
): Promise<BootstrapOutcome> {
  return ds.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    if ((await m.getRepository(Workspace).count()) > 0) return 'existing';

    if (config.seedDemo) {
      await seedDemo(m);
      return 'demo-seeded';
    }
    await m.getRepository(Workspace).insert({ name: config.workspace.name });
    const admin = config.workspace.admin;
    if (!admin) return 'empty';
    await m.getRepository(User).insert({
      email: admin.email,
      name: 'Admin',
      role: 'admin',
      locale: 'de',
      passwordHash: await hashPassword(admin.password),
    });
    return 'admin-created';
  });
}

async function seedDemo(m: EntityManager): Promise<void> {
  await m.getRepository(Workspace).insert({ name: DEMO_COMPANY });
  const teams = await m.getRepository(Team).save(DEMO_TEAMS.map((t) => ({ ...t })));
  const teamId = new Map(teams.map((t) => [t.name, t.id]));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = await m
    .getRepository(User)
    .save(DEMO_USERS.map(({ teams: _teams, ...u }) => ({ ...u, passwordHash })));
  const memberships = DEMO_USERS.flatMap((demo, i) =>
    demo.teams.map((team) => ({ userId: users[i].id, teamId: teamId.get(team) as string })),
  );
  await m.getRepository(TeamMembership).insert(memberships);
}
