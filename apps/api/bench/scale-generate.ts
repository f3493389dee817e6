/**
 * The scale data set: a database of its own, migrated by the app's migrations, filled by COPY FROM
 * STDIN one conversation at a time (nothing but a chunk of rows is ever held), then vacuumed and
 * analysed. A comment on the database records what made it (generator version, migrations applied,
 * sizes); the next run reuses a database whose record matches, `regenerate` forces a fresh one.
 *
 * While the rows stream in, the big tables' secondary indexes are dropped and their triggers (the
 * foreign-key checks) disabled; both come back afterwards exactly as the migrations made them, which
 * is checked against the list of indexes and constraints taken right after migrating.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import { businessCalendarSchema, type ChannelKind } from '@touchpoint/shared';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { hashPassword } from '../src/core/auth/password-hasher';
import { entities } from '../src/database/entities';
import { migrations } from '../src/database/migrations';
import { migrateUp } from '../src/database/migrator';
import { DEMO_SLA } from '../src/database/seeds/demo-workspace';
import {
  bigThreadMessage,
  COLUMNS,
  contactRows,
  conversationRows,
  emptyLines,
  KEY,
  uuidOf,
  type ScaleChannel,
  type ScaleLines,
  type ScaleTable,
  type ScaleTeam,
  type ScaleWorld,
} from './scale-rows';

/** Raised when what the generator writes changes, so older databases are made again. */
export const GENERATOR_VERSION = 2;
export const SCALE_PASSWORD = 'bench-password-123';
export const SUPERVISOR_EMAIL = 'supervisor@bench.test';
/** An agent of the first team, whose lists P4 reads. */
export const AGENT_EMAIL = 'agent01@bench.test';

export interface ScaleSize {
  conversations: number;
  messages: number;
  contacts: number;
  days: number;
  agents: number;
  /** Messages of the one long thread. */
  threadMessages: number;
}

export const FULL_SIZE: ScaleSize = {
  conversations: 1_000_000,
  messages: 10_000_000,
  contacts: 300_000,
  days: 90,
  agents: 50,
  threadMessages: 10_000,
};

/** What the comment on the database records; equal records mean the same data set. */
export interface ScaleMarker extends ScaleSize {
  generator: number;
  migrations: number;
  /** ms since the epoch: the generation's clock. */
  now: number;
  generationSeconds: number;
  rows: Record<string, number>;
}

export interface ScaleDatabase {
  url: string;
  name: string;
  marker: ScaleMarker;
  reused: boolean;
  bigThreadId: string;
  /** Schema objects compared before and after the COPY (equal, or generation fails). */
  schemaObjects: number;
}

const TEAMS = [
  { name: 'Service', sla: DEMO_SLA.policies.Service },
  { name: 'Sales', sla: DEMO_SLA.policies.Sales },
  { name: 'Marketing', sla: null },
  { name: 'Billing', sla: DEMO_SLA.policies.Service },
] as const;

/** Channel kinds, their team (index in TEAMS) and share of new conversations. */
const CHANNELS: { kind: ChannelKind; team: number; share: number }[] = [
  { kind: 'email', team: 0, share: 0.25 },
  { kind: 'form', team: 1, share: 0.1 },
  { kind: 'webchat', team: 0, share: 0.1 },
  { kind: 'api', team: 3, share: 0.1 },
  { kind: 'twilio', team: 0, share: 0.05 },
  { kind: 'whatsapp', team: 1, share: 0.15 },
  { kind: 'messenger', team: 2, share: 0.08 },
  { kind: 'instagram', team: 2, share: 0.07 },
  { kind: 'telegram', team: 3, share: 0.1 },
];

/** Tables filled by COPY: their secondary indexes and triggers are set aside meanwhile. */
const BULK_TABLES: ScaleTable[] = [
  'contacts',
  'contact_identities',
  'conversations',
  'messages',
  'sla_clocks',
  'handoffs',
  'conversation_participants',
  'team_moves',
];

export const bigThreadIndex = (size: ScaleSize) => Math.floor(size.conversations / 3);

const markerKey = (m: Omit<ScaleMarker, 'now' | 'generationSeconds' | 'rows'>) =>
  JSON.stringify([
    m.generator,
    m.migrations,
    m.conversations,
    m.messages,
    m.contacts,
    m.days,
    m.agents,
    m.threadMessages,
  ]);

/** Every index and constraint of the public schema, by name, with its definition. */
async function schemaObjects(db: Client): Promise<string[]> {
  const { rows } = await db.query<{ line: string }>(
    `SELECT 'index ' || indexname || ': ' || indexdef AS line FROM pg_indexes WHERE schemaname = 'public'
     UNION ALL
     SELECT 'constraint ' || conrelid::regclass || '.' || conname || ': ' || pg_get_constraintdef(oid)
            || CASE WHEN convalidated THEN '' ELSE ' NOT VALID' END
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace
     UNION ALL
     SELECT 'trigger ' || tgrelid::regclass || '.' || tgname || ' ' || tgenabled::text
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE c.relnamespace = 'public'::regnamespace
     ORDER BY 1`,
  );
  return rows.map((r) => r.line);
}

/** The scale database for `size`: reused when its record matches, else made afresh. */
export async function scaleDatabase(
  adminUrl: string,
  size: ScaleSize,
  { regenerate = false, log = (line: string) => process.stdout.write(`${line}\n`) } = {},
): Promise<ScaleDatabase> {
  const name = 'touchpoint_bench_scale';
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const want = { generator: GENERATOR_VERSION, migrations: migrations.length, ...size };
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ marker: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS marker FROM pg_database WHERE datname = $1`,
      [name],
    );
    const found = rows[0]?.marker ? (JSON.parse(rows[0].marker) as ScaleMarker) : undefined;
    if (found && markerKey(found) === markerKey(want) && !regenerate) {
      log(
        `Scale data: reusing ${name} (made ${new Date(found.now).toISOString()} in ${found.generationSeconds.toFixed(0)} s; --regenerate makes it afresh)`,
      );
      return {
        url: url.toString(),
        name,
        marker: found,
        reused: true,
        bigThreadId: uuidOf(KEY.conversation, bigThreadIndex(size)),
        schemaObjects: 0,
      };
    }
    log(
      found
        ? `Scale data: ${regenerate ? '--regenerate' : 'the database was made for other sizes or migrations'}, making it afresh`
        : `Scale data: making ${name}`,
    );
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
    const t0 = performance.now();
    const rowsWritten = await generate(url.toString(), size, log);
    const marker: ScaleMarker = {
      ...want,
      now: rowsWritten.now,
      generationSeconds: (performance.now() - t0) / 1000,
      rows: rowsWritten.rows,
    };
    await admin.query(`COMMENT ON DATABASE "${name}" IS '${JSON.stringify(marker)}'`);
    log(`Scale data: generated in ${marker.generationSeconds.toFixed(0)} s`);
    return {
      url: url.toString(),
      name,
      marker,
      reused: false,
      bigThreadId: uuidOf(KEY.conversation, bigThreadIndex(size)),
      schemaObjects: rowsWritten.schemaObjects,
    };
  } finally {
    await admin.end();
  }
}

/** A COPY into `table` on its own connection, written in chunks with back-pressure. */
async function copyStream(url: string, table: ScaleTable) {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('SET synchronous_commit = off');
  const stream = client.query(copyFrom(`COPY ${table} (${COLUMNS[table].join(', ')}) FROM STDIN`));
  let failed: Error | undefined;
  stream.on('error', (err: Error) => (failed = err));
  let rows = 0;
  return {
    table,
    async write(lines: string[]): Promise<void> {
      if (failed) throw failed;
      if (!lines.length) return;
      rows += lines.length;
      if (!stream.write(lines.join(''))) await once(stream, 'drain');
    },
    async end(): Promise<number> {
      stream.end();
      try {
        await finished(stream);
      } finally {
        await client.end();
      }
      if (failed) throw failed;
      return rows;
    },
  };
}

async function generate(
  url: string,
  size: ScaleSize,
  log: (line: string) => void,
): Promise<{ now: number; rows: Record<string, number>; schemaObjects: number }> {
  const step = (what: string, t: number) =>
    log(`  ${what} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  let t = performance.now();
  const ds = new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
  });
  await ds.initialize();
  try {
    await migrateUp(ds);
  } finally {
    await ds.destroy();
  }
  step(`migrated (${migrations.length} migrations)`, t);

  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const schema = await schemaObjects(db);
    const now = Date.now();
    const world = await seedWorkspace(db, size, now);

    // Set aside the secondary indexes (not those behind a constraint) and the triggers. Partial
    // indexes on an IN list stay: PostgreSQL prints their condition in a form that, run again, is
    // stored differently; they cover few rows and cost the COPY little.
    const { rows: indexes } = await db.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
          AND i.indexdef NOT LIKE '%ARRAY[%'
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)`,
      [BULK_TABLES],
    );
    for (const ix of indexes) await db.query(`DROP INDEX "${ix.name}"`);
    for (const table of BULK_TABLES) await db.query(`ALTER TABLE ${table} DISABLE TRIGGER ALL`);

    t = performance.now();
    const rows: Record<string, number> = {};
    const contactsAt = new Date(now - (size.days + 30) * 86_400_000);
    {
      const [contacts, identities] = await Promise.all([
        copyStream(url, 'contacts'),
        copyStream(url, 'contact_identities'),
      ]);
      const chunk = 5000;
      for (let n = 0; n < size.contacts; n += chunk) {
        const c: string[] = [];
        const id: string[] = [];
        for (let k = n; k < Math.min(size.contacts, n + chunk); k++) {
          const made = contactRows(k, contactsAt);
          c.push(made.contact);
          id.push(made.identity);
        }
        await contacts.write(c);
        await identities.write(id);
      }
      rows.contacts = await contacts.end();
      rows.contact_identities = await identities.end();
    }
    step(`${rows.contacts} contacts`, t);

    t = performance.now();
    const tables = Object.keys(emptyLines()) as (keyof ScaleLines)[];
    const streams = await Promise.all(tables.map((table) => copyStream(url, table)));
    const chunk = 2000;
    let threadWritten = 0;
    let nextReport = 0.1;
    for (let i = 0; i < size.conversations; i += chunk) {
      const out = emptyLines();
      for (let k = i; k < Math.min(size.conversations, i + chunk); k++)
        conversationRows(world, k, out);
      // The long thread's messages, spread over the whole table as its days are over the others'.
      const due = Math.floor(
        (size.threadMessages * Math.min(size.conversations, i + chunk)) / size.conversations,
      );
      for (; threadWritten < due; threadWritten++)
        out.messages.push(bigThreadMessage(world, threadWritten));
      for (let s = 0; s < tables.length; s++) await streams[s].write(out[tables[s]]);
      if ((i + chunk) / size.conversations >= nextReport) {
        log(
          `  ${Math.round(nextReport * 100)}% of the conversations written after ${((performance.now() - t) / 1000).toFixed(0)} s`,
        );
        nextReport += 0.1;
      }
    }
    const counts = await Promise.all(streams.map((s) => s.end()));
    tables.forEach((table, k) => (rows[table] = counts[k]));
    step(`${rows.conversations} conversations, ${rows.messages} messages (COPY)`, t);

    t = performance.now();
    for (const table of BULK_TABLES) await db.query(`ALTER TABLE ${table} ENABLE TRIGGER ALL`);
    // Two index builds at a time, one per core.
    const builders = await Promise.all(
      [0, 1].map(async () => {
        const c = new Client({ connectionString: url });
        await c.connect();
        await c.query(`SET maintenance_work_mem = '512MB'`);
        return c;
      }),
    );
    const queue = [...indexes].sort(
      (a, b) =>
        Number(b.def.includes('ON public.messages')) - Number(a.def.includes('ON public.messages')),
    );
    await Promise.all(
      builders.map(async (c) => {
        for (let ix = queue.shift(); ix; ix = queue.shift()) await c.query(ix.def);
        await c.end();
      }),
    );
    step(`${indexes.length} indexes rebuilt`, t);

    t = performance.now();
    await db.query('VACUUM (ANALYZE)');
    step('vacuumed and analysed', t);

    const after = await schemaObjects(db);
    const missing = schema.filter((line) => !after.includes(line));
    const extra = after.filter((line) => !schema.includes(line));
    if (missing.length || extra.length)
      throw new Error(
        `the schema after the COPY differs from the migrated one: missing ${missing.join('; ') || 'nothing'}; extra ${extra.join('; ') || 'nothing'}`,
      );
    log(
      `  schema checked: the same ${after.length} indexes, constraints and triggers as after migrating`,
    );
    return { now, rows, schemaObjects: after.length };
  } finally {
    await db.end();
  }
}

/** Workspace, teams with business hours and policies, staff, channels: the small tables. */
async function seedWorkspace(db: Client, size: ScaleSize, now: number): Promise<ScaleWorld> {
  await db.query(`INSERT INTO workspace (name) VALUES ('Bench GmbH')`);
  const hours = JSON.stringify(businessCalendarSchema.parse(DEMO_SLA.businessHours));
  const teams: ScaleTeam[] = [];
  for (const team of TEAMS) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO teams (name, business_hours) VALUES ($1, $2::jsonb) RETURNING id`,
      [team.name, team.sla ? hours : null],
    );
    const id = rows[0].id;
    if (team.sla)
      for (const p of team.sla)
        await db.query(
          `INSERT INTO sla_policies (team_id, priority, first_response_seconds, next_response_seconds,
             resolution_seconds) VALUES ($1, $2, $3, $4, $5)`,
          [id, p.priority, p.first, p.next, p.resolution],
        );
    const base = team.sla?.find((p) => p.priority === null);
    teams.push({
      id,
      sla: base ? { first: base.first, next: base.next, resolution: base.resolution } : null,
      agents: [],
    });
  }
  const hash = await hashPassword(SCALE_PASSWORD);
  const staff = [
    { email: 'admin@bench.test', name: 'Bench Admin', role: 'admin' },
    { email: SUPERVISOR_EMAIL, name: 'Bench Supervisor', role: 'supervisor' },
    ...Array.from({ length: size.agents }, (_, k) => ({
      email: `agent${String(k + 1).padStart(2, '0')}@bench.test`,
      name: `Agent ${k + 1}`,
      role: 'agent',
    })),
  ];
  for (const [k, u] of staff.entries()) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO users (email, name, password_hash, role, locale) VALUES ($1, $2, $3, $4, 'de') RETURNING id`,
      [u.email, u.name, hash, u.role],
    );
    if (u.role !== 'agent') continue;
    const team = teams[(k - 2) % teams.length];
    team.agents.push(rows[0].id);
    await db.query(`INSERT INTO team_memberships (team_id, user_id) VALUES ($1, $2)`, [
      team.id,
      rows[0].id,
    ]);
  }
  const channels: ScaleChannel[] = [];
  for (const c of CHANNELS) {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO channels (kind, name, team_id, enabled) VALUES ($1, $2, $3, false) RETURNING id`,
      [c.kind, `Bench ${c.kind}`, teams[c.team].id],
    );
    channels.push({ id: rows[0].id, kind: c.kind, team: c.team, share: c.share });
  }
  const ordinary = size.conversations - 1;
  return {
    now,
    days: size.days,
    conversations: size.conversations,
    contacts: size.contacts,
    meanMessages: Math.max(1, (size.messages - size.threadMessages) / Math.max(1, ordinary)),
    teams,
    channels,
    bigThread: { index: bigThreadIndex(size), messages: size.threadMessages },
  };
}
