import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../../config/app-config';
import { RedisConnectionFactory } from '../../core/redis/redis-connection.factory';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { RefreshTokenService } from './refresh-token.service';

@Module({
  imports: [
    UsersModule,
    // Counters live in Redis so that every api process counts the same attempts.
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, RedisConnectionFactory],
      useFactory: (config: AppConfig, redis: RedisConnectionFactory) => ({
        throttlers: [
          {
            name: 'default',
            limit: config.auth.loginRateLimit,
            ttl: config.auth.loginRateWindowSeconds * 1000,
          },
        ],
        storage: new ThrottlerStorageRedisService(
          redis.create('throttle', { keyPrefix: `${redis.prefix}:throttle:` }),
        ),
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, RefreshTokenService, LoginThrottlerGuard],
  exports: [RefreshTokenService],
})
export class AuthModule {}
