import { Module } from '@nestjs/common';
import { RefreshTokenPurgeJob } from './refresh-token-purge.job';
import { UsersModule } from './users.module';

/** The users module's job handlers (session housekeeping); loaded only by worker processes. */
@Module({
  imports: [UsersModule],
  providers: [RefreshTokenPurgeJob],
})
export class UsersJobsModule {}
