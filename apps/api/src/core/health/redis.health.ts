import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { REDIS } from '../redis/redis.module';
import { RedisPolicyMonitor } from '../redis/redis-policy.monitor';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly indicators: HealthIndicatorService,
    private readonly policy: RedisPolicyMonitor,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      const pong = await Promise.race([
        this.redis.ping(),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('timed out after 2s')), 2000).unref(),
        ),
      ]);
      if (pong !== 'PONG') return indicator.down({ message: `unexpected answer ${pong}` });
      // Read again on every check: a Redis may have been reconfigured or replaced since start.
      const problem = await this.policy.check();
      return problem ? indicator.down({ message: problem }) : indicator.up();
    } catch (err) {
      return indicator.down({ message: (err as Error).message });
    }
  }
}
