import { Module } from '@nestjs/common';
import { DirectoryController } from './directory.controller';
import { InvitationsService } from './invitations.service';
import { LinkRateLimiter } from './link-rate-limiter';
import { MeController } from './me.controller';
import { RefreshTokenService } from './refresh-token.service';
import { UserTokenRepository } from './user-token.repository';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController, MeController, DirectoryController],
  providers: [
    UsersService,
    RefreshTokenService,
    InvitationsService,
    UserTokenRepository,
    LinkRateLimiter,
  ],
  exports: [
    UsersService,
    RefreshTokenService,
    InvitationsService,
    LinkRateLimiter,
    UserTokenRepository,
  ],
})
export class UsersModule {}
