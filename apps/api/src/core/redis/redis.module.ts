import { Global, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisConnectionFactory } from './redis-connection.factory';
import { RedisPolicyMonitor } from './redis-policy.monitor';
import { REDIS } from './redis.tokens';

export { REDIS } from './redis.tokens';

@Global()
@Module({
  providers: [
    RedisConnectionFactory,
    {
      provide: REDIS,
      inject: [RedisConnectionFactory],
      useFactory: (f: RedisConnectionFactory): Redis => f.create('commands'),
    },
    RedisPolicyMonitor,
  ],
  exports: [RedisConnectionFactory, REDIS, RedisPolicyMonitor],
})
export class RedisModule {}
