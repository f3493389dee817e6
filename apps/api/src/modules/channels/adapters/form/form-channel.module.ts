import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { RedisConnectionFactory } from '../../../../core/redis/redis-connection.factory';
import { IntakeModule } from '../../../intake/intake.module';
import { ChannelsModule } from '../../channels.module';
import { EmailChannelModule } from '../email';
import { FormController } from './form.controller';
import { FormAdapter } from './form.adapter';
import { FormSubmissionService } from './form-submission.service';
import { FORM_RATE_LIMIT, FORM_RATE_WINDOW_MS, FormThrottlerGuard } from './form-throttler.guard';

/**
 * The contact form channel: public endpoint and embed page (api role), adapter (worker role; harmless
 * in the api). Answers go out through the email channel's EmailSender.
 */
@Module({
  imports: [
    ChannelsModule,
    EmailChannelModule,
    IntakeModule,
    // Counters live in Redis so that every api process counts the same posts.
    ThrottlerModule.forRootAsync({
      inject: [RedisConnectionFactory],
      useFactory: (redis: RedisConnectionFactory) => ({
        throttlers: [{ name: 'default', limit: FORM_RATE_LIMIT, ttl: FORM_RATE_WINDOW_MS }],
        storage: new ThrottlerStorageRedisService(
          redis.create('throttle', { keyPrefix: `${redis.prefix}:throttle:` }),
        ),
      }),
    }),
  ],
  controllers: [FormController],
  providers: [FormAdapter, FormSubmissionService, FormThrottlerGuard],
})
export class FormChannelModule {}
