import { Module } from '@nestjs/common';
import { AuthModule } from './auth.module';
import { RefreshTokenPurgeJob } from './refresh-token-purge.job';

/** The auth module's job handlers; loaded only by worker processes. */
@Module({
  imports: [AuthModule],
  providers: [RefreshTokenPurgeJob],
})
export class AuthJobsModule {}
