import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { InvitationsController } from './invitations.controller';
import { LoginRateLimiter } from './login-rate-limiter';

@Module({
  imports: [UsersModule],
  controllers: [AuthController, InvitationsController],
  providers: [AuthService, LoginRateLimiter],
})
export class AuthModule {}
