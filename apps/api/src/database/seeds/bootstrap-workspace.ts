import { randomBytes } from 'node:crypto';
import { ALWAYS_OPEN_CALENDAR, businessCalendarSchema, type ChannelKind } from '@touchpoint/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { hashPassword } from '../../core/auth/password-hasher';
import { inboxAddressOf, validateConfig } from '../../modules/channels/channel-config';
import { Channel } from '../../modules/channels/channel.entity';
import { Team, TeamMembership } from '../../modules/users/team.entity';
import { User } from '../../modules/users/user.entity';
import { DEMO_CONTENT } from '../../modules/demo/demo-content';
import { seedDemoGoals } from '../../modules/demo/demo-goals';
import { seedDemoOutcomes } from './demo-outcomes';
import { Workspace } from '../../modules/workspace/workspace.entity';
import { seedDemoCannedResponses } from './demo-canned-responses';
import { seedDemoHistory, type HistoryChannel, type HistoryTeam } from './demo-history';
import {
  DEMO_CHANNELS,
  DEMO_COMPANY,
  DEMO_PASSWORD,
  DEMO_SLA,
  DEMO_TEAMS,
  DEMO_USERS,
} from './demo-workspace';

const SEED_LOCK = 724_311_002;
/** Days of resolved conversations the demo starts with. */
export const DEMO_HISTORY_DAYS = 90;

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
      await seedDemo(m, config);
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

async function seedDemo(m: EntityManager, config: AppConfig): Promise<void> {
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
  await seedDemoSla(m, teamId);
  await seedDemoCannedResponses(m, teamId);
  await seedDemoChannels(m, config, teamId);
  await seedHistory(m, teamId, users);
  await seedDemoOutcomes(m, new Date());
  await seedDemoGoals(m, teamId);
}

/** Ninety days of resolved conversations, so reports and histories have something to show. */
async function seedHistory(
  m: EntityManager,
  teamId: Map<string, string>,
  users: User[],
): Promise<void> {
  const hours = businessCalendarSchema.parse(DEMO_SLA.businessHours);
  const channels: HistoryChannel[] = (
    await m.query('SELECT id, kind, name, team_id FROM channels')
  ).map((c: { id: string; kind: ChannelKind; name: string; team_id: string }) => ({
    id: c.id,
    kind: c.kind,
    name: c.name,
    teamId: c.team_id,
  }));
  const teams: HistoryTeam[] = DEMO_TEAMS.map(({ name }) => {
    const policies = DEMO_SLA.policies[name as keyof typeof DEMO_SLA.policies];
    return {
      id: teamId.get(name) as string,
      name,
      calendar: policies ? hours : ALWAYS_OPEN_CALENDAR,
      agents: DEMO_USERS.flatMap((demo, i) =>
        demo.role !== 'admin' && (demo.teams as readonly string[]).includes(name)
          ? [{ id: users[i].id, name: users[i].name }]
          : [],
      ),
      firstResponseTarget: policies?.find((p) => p.priority === null)?.first ?? null,
    };
  });
  const { jonas, kim } = DEMO_CONTENT;
  await seedDemoHistory(m, {
    now: new Date(),
    days: DEMO_HISTORY_DAYS,
    channels,
    teams,
    regulars: [
      { name: jonas.from.name, email: jonas.from.address },
      { name: kim.name, email: kim.pastEmail },
    ],
  });
}

/** Business hours and SLA policies of the teams that have them, as an admin would set them. */
async function seedDemoSla(m: EntityManager, teamId: Map<string, string>): Promise<void> {
  const hours = businessCalendarSchema.parse(DEMO_SLA.businessHours);
  for (const [team, policies] of Object.entries(DEMO_SLA.policies)) {
    const id = teamId.get(team) as string;
    await m.query('UPDATE teams SET business_hours = $2::jsonb WHERE id = $1', [
      id,
      JSON.stringify(hours),
    ]);
    await m.query(
      `INSERT INTO sla_policies (team_id, priority, first_response_seconds, next_response_seconds,
         resolution_seconds)
       SELECT $1, * FROM unnest($2::varchar[], $3::int[], $4::int[], $5::int[])`,
      [
        id,
        policies.map((p) => p.priority),
        policies.map((p) => p.first),
        policies.map((p) => p.next),
        policies.map((p) => p.resolution),
      ],
    );
  }
}

/** The app's own origins: the demo page at `/demo` embeds the website chat from there. */
function ownOrigins(config: AppConfig): string[] {
  const origins = [
    new URL(config.http.publicUrl).origin,
    `http://localhost:${config.http.port}`,
    `http://127.0.0.1:${config.http.port}`,
  ];
  return [...new Set(origins)];
}

/** One channel per team, validated as the admin API would. */
async function seedDemoChannels(
  m: EntityManager,
  config: AppConfig,
  teamId: Map<string, string>,
): Promise<void> {
  const { website, mailbox, form } = DEMO_CHANNELS;
  const relay = { ...config.demoMailRelay, secure: false };
  const rows: { kind: ChannelKind; name: string; team: string; config: Record<string, unknown> }[] =
    [
      {
        ...website,
        config: {
          secret: randomBytes(32).toString('hex'),
          allowedOrigins: ownOrigins(config),
          greeting: 'Hallo! Wie können wir helfen? / Hello! How can we help?',
        },
      },
      { ...mailbox, config: { address: mailbox.address, smtp: relay } },
      { ...form, config: { replyFrom: form.address, smtp: relay } },
    ];
  await m.getRepository(Channel).save(
    rows.map((row) => {
      const valid = validateConfig(row.kind, row.config);
      return {
        kind: row.kind,
        name: row.name,
        teamId: teamId.get(row.team) as string,
        config: valid,
        inboxAddress: inboxAddressOf(row.kind, valid),
        enabled: true,
      };
    }),
  );
}
