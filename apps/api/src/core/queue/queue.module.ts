import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { RedisConnectionFactory } from '../redis/redis-connection.factory';
import { DEFAULT_JOB_OPTIONS, QUEUES } from './queue.constants';

/** BullMQ on the shared Redis: producers everywhere, processors only in worker processes. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [RedisConnectionFactory, AppConfig],
      useFactory: (redis: RedisConnectionFactory, config: AppConfig) => ({
        connection: redis.create('queue'),
        prefix: `${redis.prefix}:bull`,
        defaultJobOptions: {
          ...DEFAULT_JOB_OPTIONS,
          backoff: { type: 'exponential', delay: config.queue.backoffMs },
        },
      }),
    }),
    BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name }))),
  ],
  exports: [BullModule],
})
export class QueueModule {}
