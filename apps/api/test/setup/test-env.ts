/** Where the suite's own database and Redis key prefix are announced to the test workers. */
export const TEST_ENV = {
  databaseUrl: 'TOUCHPOINT_TEST_DATABASE_URL',
  redisPrefix: 'TOUCHPOINT_TEST_REDIS_PREFIX',
  adminUrl: 'TOUCHPOINT_TEST_ADMIN_URL',
} as const;

export const DEFAULT_DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_DB_PREFIX = 'touchpoint_test_';
