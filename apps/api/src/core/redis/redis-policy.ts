import type { Redis } from 'ioredis';

/** The only eviction policy under which BullMQ keeps its jobs. */
export const REQUIRED_POLICY = 'noeviction';

export const redactUrl = (url: string): string => url.replace(/\/\/([^:@/]*):[^@/]+@/, '//$1:***@');

/**
 * Reads `maxmemory-policy`: CONFIG GET first; managed Redis often forbids CONFIG, then INFO memory's
 * `maxmemory_policy`. Null when neither answers.
 */
export async function readEvictionPolicy(redis: Redis): Promise<string | null> {
  try {
    const [, value] = (await redis.call('CONFIG', 'GET', 'maxmemory-policy')) as string[];
    if (value) return value;
  } catch {
    // Not permitted here: try INFO.
  }
  try {
    const info = await redis.info('memory');
    return /^maxmemory_policy:(\S+)/m.exec(info)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** One line saying what is wrong and how to fix it, or null when the policy is acceptable. */
export function evictionPolicyProblem(url: string, policy: string | null): string | null {
  if (policy === null || policy === REQUIRED_POLICY) return null;
  return (
    `Redis at ${redactUrl(url)}: maxmemory-policy is ${policy}; BullMQ loses jobs under eviction. ` +
    `Set maxmemory-policy ${REQUIRED_POLICY} (redis-cli CONFIG SET maxmemory-policy ${REQUIRED_POLICY}, or in redis.conf)`
  );
}

/** Start-up refused because Redis may evict queue keys. */
export class RedisPolicyError extends Error {}
