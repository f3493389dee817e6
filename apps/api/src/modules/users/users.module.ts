import { Module } from '@nestjs/common';
import { DirectoryController } from './directory.controller';
import { MeController } from './me.controller';
import { RefreshTokenService } from './refresh-token.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController, MeController, DirectoryController],
  providers: [UsersService, RefreshTokenService],
  exports: [UsersService, RefreshTokenService],
})
export class UsersModule {}
