import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { RedisConnectionFactory } from '../redis/redis-connection.factory';
import { DEFAULT_JOB_OPTIONS, QUEUE_ATTEMPTS, QUEUES } from './queue.constants';
import { WakeSignal } from './wake-signal';

/** BullMQ on the shared Redis: producers everywhere, processors only in worker processes. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [RedisConnectionFactory],
      useFactory: (redis: RedisConnectionFactory) => ({
        connection: redis.create('queue'),
        prefix: `${redis.prefix}:bull`,
      }),
    }),
    // Job options per queue (a queue's own options replace the shared ones as a whole).
    BullModule.registerQueueAsync(
      ...Object.values(QUEUES).map((name) => ({
        name,
        inject: [AppConfig],
        useFactory: (config: AppConfig) => ({
          defaultJobOptions: {
            ...DEFAULT_JOB_OPTIONS,
            attempts: QUEUE_ATTEMPTS[name] ?? DEFAULT_JOB_OPTIONS.attempts,
            backoff: { type: 'exponential', delay: config.queue.backoffMs },
          },
        }),
      })),
    ),
  ],
  providers: [WakeSignal],
  exports: [BullModule, WakeSignal],
})
export class QueueModule {}
