import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from '../../modules/users/user.entity';
import { AccessTokenService } from './access-token.service';
import { AuthGuard } from './auth.guard';
import { PrincipalService } from './principal.service';

@Global()
@Module({
  imports: [JwtModule.register({}), TypeOrmModule.forFeature([User])],
  providers: [AccessTokenService, PrincipalService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccessTokenService, PrincipalService],
})
export class AuthCoreModule {}
