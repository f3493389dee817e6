import { Global, Module } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RedisConnectionFactory } from './redis-connection.factory';

/** Token of the shared command connection (health checks, counters, rate limits). */
export const REDIS = Symbol('REDIS');

@Global()
@Module({
  providers: [
    RedisConnectionFactory,
    {
      provide: REDIS,
      inject: [RedisConnectionFactory],
      useFactory: (f: RedisConnectionFactory): Redis => f.create('commands'),
    },
  ],
  exports: [RedisConnectionFactory, REDIS],
})
export class RedisModule {}
