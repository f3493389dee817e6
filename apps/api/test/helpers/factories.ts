import { randomUUID } from 'node:crypto';
import type { Role } from '@touchpoint/shared';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/core/auth/password-hasher';
import { Team, TeamMembership } from '../../src/modules/users/team.entity';
import { User } from '../../src/modules/users/user.entity';

export const TEST_PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;

export interface MadeUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  password: string;
}

/** A user with a unique email; hashing is shared so that factories stay fast. */
export async function makeUser(
  db: DataSource,
  opts: { role?: Role; teams?: string[]; name?: string; active?: boolean } = {},
): Promise<MadeUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const tag = randomUUID().slice(0, 8);
  const user = await db.getRepository(User).save({
    email: `user-${tag}@example.test`,
    name: opts.name ?? `User ${tag}`,
    role: opts.role ?? 'agent',
    locale: 'en',
    active: opts.active ?? true,
    passwordHash: await passwordHash,
  });
  if (opts.teams?.length) {
    await db
      .getRepository(TeamMembership)
      .insert(opts.teams.map((teamId) => ({ teamId, userId: user.id })));
  }
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    password: TEST_PASSWORD,
  };
}

export async function makeTeam(
  db: DataSource,
  name = `Team ${randomUUID().slice(0, 8)}`,
): Promise<Team> {
  return db.getRepository(Team).save({ name, description: '' });
}
