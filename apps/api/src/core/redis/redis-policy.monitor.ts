import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { REDIS } from './redis.tokens';
import { evictionPolicyProblem, readEvictionPolicy, RedisPolicyError } from './redis-policy';

/**
 * Refuses to start on a Redis that may evict keys, and checks again after every reconnect (a
 * failover or restart can bring a Redis with another configuration), so health can name it.
 */
@Injectable()
export class RedisPolicyMonitor implements OnModuleInit {
  private readonly logger = new Logger('Redis');
  private problem: string | null = null;
  private warnedUnreadable = false;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.assertAcceptable();
    this.redis.on('ready', () => {
      void this.check().then((p) => p && this.logger.error(p));
    });
  }

  /** Throws the one-line problem when Redis may evict keys. */
  async assertAcceptable(): Promise<void> {
    const problem = await this.check();
    if (problem) throw new RedisPolicyError(problem);
  }

  /** Reads the policy now; the problem line, or null when acceptable or unreadable. */
  async check(): Promise<string | null> {
    const policy = await readEvictionPolicy(this.redis);
    if (policy === null && !this.warnedUnreadable) {
      this.warnedUnreadable = true;
      this.logger.warn(
        'Cannot read Redis maxmemory-policy (CONFIG and INFO refused); make sure it is noeviction',
      );
    }
    this.problem = evictionPolicyProblem(this.config.redis.url, policy);
    return this.problem;
  }

  /** The last known problem, without asking Redis. */
  get lastProblem(): string | null {
    return this.problem;
  }
}
