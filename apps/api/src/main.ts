import 'reflect-metadata';
import { AppConfig, ConfigError } from './config/app-config';
import { checkServices, PreflightError } from './core/preflight/preflight';
import { RedisPolicyError } from './core/redis/redis-policy';
import { DEMO_PASSWORD, DEMO_USERS } from './database/seeds/demo-workspace';
import { startHttpApp } from './http-app';
import { startWorker } from './worker';

function fail(message: string): never {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

function banner(config: AppConfig, demo: boolean, demoPage: boolean): string {
  const url = config.http.publicUrl;
  const lines = [
    '',
    `  Touchpoint is running: ${url}`,
    `  API docs:              ${url}/api/docs`,
    `  Health:                ${url}/api/health`,
    `  Role:                  ${config.role}`,
  ];
  if (demoPage) lines.push(`  Try it as a customer:  ${url}/demo`);
  if (demo) {
    lines.push('', `  Demo workspace "Beispiel GmbH", password for every login: ${DEMO_PASSWORD}`);
    for (const u of DEMO_USERS)
      lines.push(`    ${u.email.padEnd(26)} ${u.role.padEnd(11)} ${u.teams.join(', ')}`);
    lines.push(
      '',
      '  These are public demo accounts: change their passwords or start with SEED_DEMO=false in production.',
    );
  }
  return lines.join('\n') + '\n\n';
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.load();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }

  try {
    await checkServices(
      { databaseUrl: config.database.url, redisUrl: config.redis.url },
      {
        createDatabase: config.env !== 'production',
      },
    );
  } catch (err) {
    if (err instanceof PreflightError) fail(err.message);
    throw err;
  }

  if (!config.runsApi) {
    await startWorker(config);
    process.stdout.write('\n  Touchpoint worker is running.\n\n');
    return;
  }
  const { database, demoPage } = await startHttpApp(config);
  process.stdout.write(banner(config, database.hasDemoUsers, demoPage));
  if (database.outcome === 'empty') {
    process.stdout.write(
      '  The workspace has no users yet: set ADMIN_EMAIL and ADMIN_PASSWORD and restart.\n\n',
    );
  }
}

main().catch((err: Error) =>
  fail(
    err instanceof RedisPolicyError ? err.message : `Touchpoint could not start: ${err.message}`,
  ),
);
